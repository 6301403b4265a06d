package dev.esm.webhook;

import java.net.InetAddress;
import java.util.UUID;

/** Who holds a lease: the host name (the pod's, in Kubernetes) and a random part, new at each start. */
final class ReplicaId {

  private ReplicaId() {}

  static String create() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      host = "esm";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
