package com.acme.shop.identity;

import com.acme.events.common.ClientContext;
import com.acme.events.identity.AuthMethod;
import com.acme.events.identity.LoginFailedEvent;
import com.acme.events.identity.LoginSucceededEvent;
import com.acme.events.identity.PasswordResetRequestedEvent;
import com.acme.events.identity.SignUpCompletedEvent;
import com.acme.shop.telemetry.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/** Sign-ups and logins. Events never carry a login in clear: only its hash. */
public final class AccountService {

  private final EventPublisher events;
  private final Clock clock;
  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();

  public AccountService(EventPublisher events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public String signUp(String login, String password, AuthMethod method, boolean marketingOptIn, ClientContext client) {
    String userId = "u-" + hash(login).substring(0, 12);
    passwords.put(login, password);
    events.publish(userId, SignUpCompletedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setMethod(method)
        .setAttribution(Map.of("utm_source", "newsletter"))
        .setMarketingOptIn(marketingOptIn)
        .setClient(client)
        .build());
    return userId;
  }

  public boolean logIn(String login, String password, ClientContext client) {
    if (password.equals(passwords.get(login))) {
      failures.remove(login);
      String userId = "u-" + hash(login).substring(0, 12);
      events.publish(userId, LoginSucceededEvent.newBuilder()
          .setEventId(UUID.randomUUID())
          .setOccurredAt(clock.instant())
          .setUserId(userId)
          .setMethod(AuthMethod.PASSWORD)
          .setClient(client)
          .build());
      return true;
    }
    int consecutive = failures.merge(login, 1, Integer::sum);
    events.publish(hash(login), LoginFailedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setLoginHash(hash(login))
        .setMethod(AuthMethod.PASSWORD)
        .setReason(passwords.containsKey(login) ? "wrong_password" : "unknown_login")
        .setConsecutiveFailures(consecutive)
        .setClient(client)
        .build());
    return false;
  }

  public void requestPasswordReset(String login, LocalDateTime requesterLocalTime, ClientContext client) {
    events.publish(hash(login), PasswordResetRequestedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setLoginHash(hash(login))
        .setRequestedLocalTime(requesterLocalTime)
        .setClient(client)
        .build());
  }

  private static String hash(String login) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(login.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
