package dev.esm.webhook.bench;

import dev.esm.webhook.ServiceSettings;
import dev.esm.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: GitHub's side of the acknowledgement benchmark, run as a process of its own so that
 * its threads, allocations and pauses are not the service's. {@code parallel} senders, each on
 * one kept-alive connection (as GitHub's are), send signed {@code issue_comment} deliveries.
 *
 * <p>Arguments: {@code port secret payloadFile repositories parallel warmup count [rate]}; the
 * {@code warmup} deliveries are pings. Without
 * {@code rate} each sender sends again as soon as it is answered (closed loop: the service is
 * kept saturated); with it the deliveries leave at {@code rate} per second whatever the answers,
 * and each latency counts from when its delivery was due (so a stalled service is not hidden by
 * senders that waited for it). Prints each measured latency in microseconds, one per line.
 */
public final class Senders {

  private Senders() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    WebhookSignature signer = new WebhookSignature(args[1]);
    String payload = Files.readString(Path.of(args[2]));
    int repositories = Integer.parseInt(args[3]);
    int parallel = Integer.parseInt(args[4]);
    int warmup = Integer.parseInt(args[5]);
    int count = Integer.parseInt(args[6]);
    double rate = args.length > 7 ? Double.parseDouble(args[7]) : 0;
    URI uri = URI.create("http://localhost:" + port + ServiceSettings.WEBHOOK_PATH);
    List<byte[]> bodies = new ArrayList<>();
    for (int n = 0; n < repositories; n++) {
      bodies.add(payload.replace("event-schemas", "event-schemas-" + n).getBytes(StandardCharsets.UTF_8));
    }
    // The warm-up (this process's own JIT) sends pings: answered at once, nothing stored.
    run(new Sender(uri, signer, List.of("{}".getBytes(StandardCharsets.UTF_8)), "ping", 200), parallel, warmup, 0);
    long cpu = cpuNanos();
    long wall = System.nanoTime();
    long[] micros = run(new Sender(uri, signer, bodies, "issue_comment", 202), parallel, count, rate);
    System.err.printf("senders: %d deliveries in %.2f s, %.2f ms of the senders' CPU per delivery%n", count,
        (System.nanoTime() - wall) / 1e9, (cpuNanos() - cpu) / 1e6 / count);
    StringBuilder out = new StringBuilder();
    for (long m : micros) {
      out.append(m).append('\n');
    }
    System.out.print(out);
    System.out.flush();
    System.exit(0);
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long[] run(Sender sender, int parallel, int count, double rate) throws Exception {
    long[] micros = new long[count];
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService threads = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < parallel; t++) {
        running.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            long due = rate > 0 ? start + (long) (i * 1e9 / rate) : System.nanoTime();
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            sender.send(i);
            micros[i] = (System.nanoTime() - due) / 1000;
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    return micros;
  }

  /** Sends one delivery and reads the whole answer, so its connection is kept for the next. */
  private record Sender(URI uri, WebhookSignature signer, List<byte[]> bodies, String event, int expected) {
    void send(int i) throws IOException {
      byte[] body = bodies.get(i % bodies.size());
      HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
      http.setRequestMethod("POST");
      http.setDoOutput(true);
      http.setFixedLengthStreamingMode(body.length);
      http.setRequestProperty("Content-Type", "application/json");
      http.setRequestProperty("X-GitHub-Event", event);
      http.setRequestProperty("X-GitHub-Delivery", UUID.randomUUID().toString());
      http.setRequestProperty(WebhookSignature.HEADER, signer.sign(body));
      try (OutputStream out = http.getOutputStream()) {
        out.write(body);
      }
      int status = http.getResponseCode();
      try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
        if (in != null) {
          in.readAllBytes();
        }
      }
      if (status != expected) {
        throw new IllegalStateException("delivery " + i + " answered " + status);
      }
    }
  }
}
