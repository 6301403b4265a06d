package dev.esm.core.render;

import java.util.Objects;

/**
 * The event a monitor watches, as every result names it.
 *
 * @param name the record's simple name, e.g. {@code AddToCartEvent}; null when the record was not
 *     read (a managed monitor whose event is gone)
 * @param fullName the record's full name, e.g. {@code com.acme.events.cart.AddToCartEvent}; null
 *     when the record was not read, or read only by the lexer (a file that no longer parses)
 * @param tag the event tag, e.g. {@code event:addtocartevent}
 */
public record EventRef(String name, String fullName, String tag) {

  public EventRef {
    Objects.requireNonNull(tag, "tag");
  }

  /** An event known by its tag only. */
  public static EventRef ofTag(String tag) {
    return new EventRef(null, null, tag);
  }

  /** The record's simple name, else the tag's value. */
  public String displayName() {
    return name != null ? name : tag.substring(tag.indexOf(':') + 1);
  }
}
