package dev.esm.webhook;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Markdown comment that may span several GitHub comments: when the next line would go
 * past the limit, the open {@code <details>} section is closed, a new comment begins with the
 * continuation marker, and the section (with its table header) is opened again.
 */
final class CommentBuilder {

  /** Room kept for closing a section and for the "Part i of n" line. */
  private static final int RESERVE = 200;
  /** No single line may take more than this, so that any line fits in an empty comment. */
  static final int MAX_LINE = 4_000;

  private final String kind;
  private final int limit;
  private final List<StringBuilder> parts = new ArrayList<>();
  private StringBuilder current;
  private String sectionSummary;
  private String sectionHeader;
  private boolean sectionOpen;

  /** {@code kind} names the marker, {@code <!-- esm:kind -->}; {@code limit} is per comment, in characters. */
  CommentBuilder(String kind, int limit) {
    if (limit < RESERVE + 2 * MAX_LINE) {
      throw new IllegalArgumentException("limit too small: " + limit);
    }
    this.kind = kind;
    this.limit = limit;
    startPart();
  }

  static String marker(String kind) {
    return "<!-- esm:" + kind + " -->";
  }

  private static String continuationMarker(String kind, int part) {
    return "<!-- esm:" + kind + " part " + part + " -->";
  }

  /** A paragraph (or any block), followed by a blank line. */
  CommentBuilder paragraph(String text) {
    append(clip(text) + "\n\n");
    return this;
  }

  /** Opens a folded section (when {@code summary} is not null) holding a table (when {@code tableHeader} is not null). */
  CommentBuilder openSection(String summary, String tableHeader) {
    sectionSummary = summary;
    sectionHeader = tableHeader;
    sectionOpen = true;
    String opening = sectionOpening(summary, tableHeader);
    if (current.length() + opening.length() + MAX_LINE + RESERVE > limit) {
      sectionOpen = false;
      nextPart();
      sectionOpen = true;
    }
    current.append(opening);
    return this;
  }

  /** One line of the open section (a table row or a list item). */
  CommentBuilder line(String text) {
    String line = clip(text) + "\n";
    if (current.length() + line.length() + RESERVE > limit) {
      boolean reopen = sectionOpen;
      if (sectionOpen) {
        current.append(sectionClosing(sectionSummary));
      }
      sectionOpen = false;
      startPart();
      if (reopen) {
        sectionOpen = true;
        current.append(sectionOpening(sectionSummary == null ? null : sectionSummary + " (continued)", sectionHeader));
      }
    }
    current.append(line);
    return this;
  }

  CommentBuilder closeSection() {
    if (sectionOpen) {
      current.append(sectionClosing(sectionSummary));
      sectionOpen = false;
    }
    return this;
  }

  List<String> build() {
    closeSection();
    int n = parts.size();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String body = parts.get(i).toString().stripTrailing() + "\n";
      if (n > 1) {
        int eol = body.indexOf('\n');
        body = body.substring(0, eol + 1) + "_Part " + (i + 1) + " of " + n + "_\n\n" + body.substring(eol + 1);
      }
      out.add(body);
    }
    return out;
  }

  private void append(String block) {
    if (current.length() + block.length() + RESERVE > limit) {
      nextPart();
    }
    current.append(block);
  }

  private void nextPart() {
    if (sectionOpen) {
      current.append(sectionClosing(sectionSummary));
      sectionOpen = false;
    }
    startPart();
  }

  private void startPart() {
    current = new StringBuilder();
    current.append(parts.isEmpty() ? marker(kind) : continuationMarker(kind, parts.size() + 1)).append('\n');
    parts.add(current);
  }

  private static String sectionOpening(String summary, String tableHeader) {
    StringBuilder s = new StringBuilder();
    if (summary != null) {
      s.append("<details>\n<summary>").append(summary).append("</summary>\n\n");
    }
    if (tableHeader != null) {
      s.append(tableHeader).append('\n');
    }
    return s.toString();
  }

  private static String sectionClosing(String summary) {
    return summary != null ? "\n</details>\n\n" : "\n";
  }

  private static String clip(String text) {
    return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE - 1) + "…";
  }
}
