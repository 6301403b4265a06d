package dev.esm.catalog;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The few escapes the page needs: text and attribute values, links, query strings. */
final class Html {

  private Html() {}

  /** Text or a quoted attribute value: {@code & < > " '} escaped; null is empty. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** True for a link the page may follow: {@code http} or {@code https} only (no {@code javascript:}). */
  static boolean linkable(URI uri) {
    return uri != null && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
  }

  /** One query parameter's value, encoded for a URL. */
  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
