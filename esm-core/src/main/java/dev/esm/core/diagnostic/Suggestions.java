package dev.esm.core.diagnostic;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean …?" for a misspelt name. */
public final class Suggestions {

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private Suggestions() {}

  /** The closest candidate, if it is close enough to be a plausible typo. */
  public static Optional<String> closest(String wrong, Collection<String> candidates) {
    String needle = wrong.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, needle.length() / 3);
    return candidates.stream()
        .filter(c -> DISTANCE.apply(needle, c.toLowerCase(Locale.ROOT)) <= allowed)
        .min(Comparator.comparingInt((String c) -> DISTANCE.apply(needle, c.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** {@code " (did you mean \"x\"?)"} or an empty string. */
  public static String didYouMean(String wrong, Collection<String> candidates) {
    return closest(wrong, candidates).map(c -> " (did you mean \"" + c + "\"?)").orElse("");
  }
}
