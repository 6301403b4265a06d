package dev.esm.core.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the line of a key path (e.g. {@code kinds.traffic_drop.query}) in YAML text written in
 * block style, so that errors found after binding can still point at their line.
 */
final class YamlKeyLocator {

  private final List<String> lines;

  YamlKeyLocator(String text) {
    this.lines = text.lines().toList();
  }

  /** The 1-based line and column of the last key of the path, or {@code {0, 0}} when not found. */
  int[] locate(List<String> path) {
    int from = 0;
    int indent = -1;
    int[] found = {0, 0};
    for (String key : path) {
      Pattern keyLine = Pattern.compile("^(\\s*)(?:- )?[\"']?" + Pattern.quote(key) + "[\"']?\\s*:(\\s|$)");
      boolean matched = false;
      for (int i = from; i < lines.size(); i++) {
        var m = keyLine.matcher(lines.get(i));
        if (m.find() && m.group(1).length() > indent) {
          indent = m.group(1).length();
          from = i + 1;
          found = new int[] {i + 1, indent + 1};
          matched = true;
          break;
        }
      }
      if (!matched) {
        return found[0] == 0 ? new int[] {0, 0} : found;
      }
    }
    return found;
  }
}
