package dev.esm.core.render;

import dev.esm.core.annotation.MonitorSpec;
import dev.esm.core.schema.EventDeclaration;
import java.util.List;

/**
 * A record ready to render: its declaration, its event tag, its owner and its checked monitors.
 *
 * @param eventValue the value of the event tag, e.g. {@code addtocartevent}
 * @param eventTag the whole tag, e.g. {@code event:addtocartevent}
 * @param owner the owning team as written ({@code team-cart} or {@code @acme/team-cart}), or null
 * @param schemaPath the schema file relative to the repository root, with {@code /}
 */
public record Event(
    EventDeclaration declaration,
    String eventValue,
    String eventTag,
    String owner,
    List<MonitorSpec> monitors,
    String schemaPath) {

  public Event {
    monitors = List.copyOf(monitors);
  }

  /** The team key used in the configuration and in the team tag: {@code @acme/team-cart} → {@code team-cart}. */
  public String team() {
    if (owner == null) {
      return null;
    }
    String team = owner.startsWith("@") ? owner.substring(1) : owner;
    return team.contains("/") ? team.substring(team.lastIndexOf('/') + 1) : team;
  }
}
