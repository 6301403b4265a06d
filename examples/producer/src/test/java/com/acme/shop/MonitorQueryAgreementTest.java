package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.telemetry.EventEncodingException;
import com.acme.shop.telemetry.EventPublisher;
import com.acme.shop.telemetry.StatsdRegistries;
import com.acme.shop.telemetry.TelemetrySettings;
import com.acme.shop.telemetry.Transport;
import dev.esm.core.config.ConfigLoader;
import dev.esm.core.config.EsmConfig;
import dev.esm.core.render.DesiredMonitor;
import dev.esm.core.render.Event;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import io.micrometer.statsd.StatsdMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shop counts every event it sends in the metric and with the event tag that ESM's monitors
 * select: ESM renders the monitors of {@code ../../schemas} with {@code ../esm.yaml}, the shop
 * plays a learner's day through Micrometer's DogStatsD registry, and a UDP listener on loopback
 * (standing in for the Datadog agent) receives what the client really sends.
 */
class MonitorQueryAgreementTest {

  private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_][\\w.]*)\\{([^}]*)\\}");

  private DatagramSocket agent;
  private StatsdMeterRegistry registry;
  private TelemetrySettings settings;
  private final List<Transport.Message> sent = new ArrayList<>();

  @BeforeEach
  void startAgent() throws Exception {
    agent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    agent.setSoTimeout(200);
    settings = TelemetrySettings.load().withStatsd("127.0.0.1", agent.getLocalPort());
    registry = StatsdRegistries.dogStatsd(settings);
    waitUntilTheClientIsConnected();
  }

  @AfterEach
  void stopAgent() {
    registry.close();
    agent.close();
  }

  @Test
  void everyMonitoredEventIsCountedInTheMetricAndWithTheTagItsMonitorsSelect() throws Exception {
    Rendering rendering = esmRendering();
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T09:30:00Z"), ZoneOffset.UTC);

    new ShopApplication(sent::add, registry, settings, clock).learnersDay();
    List<String> countLines = receive(sent.size(), settings.eventsMetric());
    Map<String, Set<String>> emitted = new HashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      emitted.computeIfAbsent(sent.get(i).schemaName(), k -> new LinkedHashSet<>()).addAll(selectors(countLines.get(i)));
    }
    EventPublisher publisher = new EventPublisher(m -> { }, registry, settings);
    for (Transport.Message message : firstOfEachEvent()) {
      SpecificRecord broken = withARequiredFieldMissing(decode(message));
      assertThatThrownBy(() -> publisher.publish("k", broken)).isInstanceOf(EventEncodingException.class);
      String errorLine = receive(1, settings.serializationErrorsMetric()).get(0);
      emitted.get(message.schemaName()).addAll(selectors(errorLine));
    }

    List<Event> monitored = rendering.events().stream().filter(e -> !e.monitors().isEmpty()).toList();
    assertThat(monitored).hasSize(14);
    for (Event event : monitored) {
      String record = event.declaration().fullName();
      assertThat(emitted).as("the shop sends %s", record).containsKey(record);
      for (DesiredMonitor monitor : rendering.monitors()) {
        if (!monitor.eventTag().equals(event.eventTag())) {
          continue;
        }
        Matcher selector = SELECTOR.matcher(monitor.definition().query());
        int selectors = 0;
        while (selector.find()) {
          selectors++;
          assertThat(emitted.get(record))
              .as("%s: the shop's counts of %s against %s", monitor.definition().name(), record, monitor.definition().query())
              .contains(selector.group(1) + "{" + selector.group(2) + "}");
        }
        assertThat(selectors).as("metric selectors in %s", monitor.definition().query()).isPositive();
      }
    }
  }

  private static Rendering esmRendering() {
    EsmConfig config = new ConfigLoader().load(Path.of("../esm.yaml"));
    return new Workspace(config).render(SchemaSource.discover(List.of(Path.of("../../schemas"))), RenderContext.none());
  }

  /** {@code metric{tag}} for each tag of a DogStatsD line {@code metric:1|c|#tag1,tag2}. */
  private static List<String> selectors(String line) {
    String metric = line.substring(0, line.indexOf(':'));
    int tags = line.indexOf("|#");
    List<String> out = new ArrayList<>();
    if (tags >= 0) {
      for (String tag : line.substring(tags + 2).split(",")) {
        out.add(metric + "{" + tag + "}");
      }
    }
    return out;
  }

  private List<Transport.Message> firstOfEachEvent() {
    Map<String, Transport.Message> first = new java.util.LinkedHashMap<>();
    sent.forEach(m -> first.putIfAbsent(m.schemaName(), m));
    return List.copyOf(first.values());
  }

  private static SpecificRecord decode(Transport.Message message) throws Exception {
    Class<?> generated = Class.forName(message.schemaName());
    Schema schema = SpecificData.get().getSchema(generated);
    return new SpecificDatumReader<SpecificRecord>(schema).read(null, DecoderFactory.get().binaryDecoder(message.payload(), null));
  }

  /** Sets the first field that may not be null to null: the record no longer encodes. */
  private static SpecificRecord withARequiredFieldMissing(SpecificRecord record) {
    for (Schema.Field field : record.getSchema().getFields()) {
      if (field.schema().getType() != Schema.Type.UNION && field.schema().getType() != Schema.Type.NULL) {
        record.put(field.pos(), null);
        return record;
      }
    }
    throw new AssertionError(record.getSchema().getFullName() + " has no required field");
  }

  /** The registry connects in the background; a line sent before that could be lost. */
  private void waitUntilTheClientIsConnected() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      registry.counter("shop.agreement_test.ready").increment();
      if (!receiveAny().isEmpty()) {
        while (!receiveAny().isEmpty()) {
          // drain what the other attempts sent
        }
        return;
      }
    }
    throw new AssertionError("the DogStatsD client sent nothing to the agent on port " + agent.getLocalPort());
  }

  /** The next {@code count} lines of the metric, in the order they were sent. */
  private List<String> receive(int count, String metric) throws Exception {
    List<String> lines = new ArrayList<>();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (lines.size() < count && System.nanoTime() < deadline) {
      for (String line : receiveAny()) {
        if (line.startsWith(metric + ":")) {
          lines.add(line);
        }
      }
    }
    assertThat(lines).as("lines of %s received", metric).hasSize(count);
    return lines;
  }

  private List<String> receiveAny() throws Exception {
    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      agent.receive(packet);
    } catch (SocketTimeoutException e) {
      return List.of();
    }
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
