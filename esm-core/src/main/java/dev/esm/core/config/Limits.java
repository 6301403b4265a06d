package dev.esm.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.time.Duration;

/**
 * What one command may consume, so that an untrusted pull request cannot exhaust the process
 * ({@code limits} in {@code esm.yaml}; see {@code defaults.yaml}).
 */
public record Limits(
    @JsonProperty("max_file_bytes") Long maxFileBytes,
    @JsonProperty("max_files") Integer maxFiles,
    @JsonProperty("max_archive_bytes") Long maxArchiveBytes,
    @JsonProperty("max_monitors") Integer maxMonitors,
    @JsonProperty("command_timeout") @JsonDeserialize(using = Limits.DurationText.class) Duration commandTimeout) {

  public static final Limits DEFAULT = new Limits(1_048_576L, 1000, 104_857_600L, 5000, Duration.ofMinutes(10));

  /** A missing key takes its built-in value (the same as in {@code defaults.yaml}). */
  public Limits {
    maxFileBytes = maxFileBytes == null ? 1_048_576L : maxFileBytes;
    maxFiles = maxFiles == null ? 1000 : maxFiles;
    maxArchiveBytes = maxArchiveBytes == null ? 104_857_600L : maxArchiveBytes;
    maxMonitors = maxMonitors == null ? 5000 : maxMonitors;
    commandTimeout = commandTimeout == null ? Duration.ofMinutes(10) : commandTimeout;
  }

  /** The exception to throw when {@code key} of this section is exceeded by {@code value}. */
  public LimitExceededException exceeded(String key, Object value) {
    return new LimitExceededException(key, limitOf(key), value);
  }

  /** The configured value of {@code key} (e.g. {@code max_files}), for messages. */
  public Object limitOf(String key) {
    return switch (key) {
      case "max_file_bytes" -> maxFileBytes;
      case "max_files" -> maxFiles;
      case "max_archive_bytes" -> maxArchiveBytes;
      case "max_monitors" -> maxMonitors;
      case "command_timeout" -> Durations.format(commandTimeout);
      default -> throw new IllegalArgumentException("no limit " + key);
    };
  }

  /** Reads {@code 10m}, {@code 30s} … as a {@link Duration}; a wrong value is reported at its line. */
  static final class DurationText extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      return Durations.parse(parser.getValueAsString(parser.getText()));
    }
  }
}
