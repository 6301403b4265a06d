package dev.esm.core.workspace;

import dev.esm.core.render.EventRef;
import java.util.List;
import java.util.Set;

/**
 * The events a change touches ({@link Reconciler#scope}): what the version after it declares,
 * and every event either version declares.
 *
 * @param rendering the changed files after the change, rendered
 * @param tags the event tags in scope
 * @param known the events of both versions, by name (those of the version before as the lexer
 *     reads them: no full name)
 */
public record ChangedEvents(Rendering rendering, Set<String> tags, List<EventRef> known) {

  public ChangedEvents {
    tags = Set.copyOf(tags);
    known = List.copyOf(known);
  }
}
