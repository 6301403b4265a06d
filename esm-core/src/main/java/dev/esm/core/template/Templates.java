package dev.esm.core.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * {@code ${name}} substitution (commons-text) over strings and JSON-like values. The syntax does
 * not clash with Datadog's own {@code {{…}}} message variables; an unknown variable fails loudly.
 */
public final class Templates {

  private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("^\\$\\{([^}$]+)}$");

  private Templates() {}

  public static String render(String template, Map<String, ?> variables) {
    if (template == null) {
      return null;
    }
    String[] missing = new String[1];
    StringLookup lookup = name -> {
      Object value = variables.get(name);
      if (value == null && !variables.containsKey(name)) {
        missing[0] = name;
        return null;
      }
      return format(value);
    };
    StringSubstitutor substitutor = new StringSubstitutor(lookup);
    substitutor.setEnableUndefinedVariableException(true);
    substitutor.setDisableSubstitutionInValues(true);
    try {
      return substitutor.replace(template);
    } catch (IllegalArgumentException e) {
      throw new UnknownVariableException(missing[0] == null ? "?" : missing[0], template);
    }
  }

  /**
   * Renders every string inside a JSON-like value. A string that is exactly one placeholder takes
   * the variable's own type, so {@code "${threshold}"} becomes the number 100, not "100".
   */
  public static Object renderValue(Object value, Map<String, ?> variables) {
    if (value instanceof String text) {
      Matcher whole = WHOLE_PLACEHOLDER.matcher(text);
      if (whole.matches() && variables.containsKey(whole.group(1))) {
        Object typed = variables.get(whole.group(1));
        return typed instanceof String s ? s : typed;
      }
      return render(text, variables);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> rendered = new LinkedHashMap<>();
      map.forEach((k, v) -> rendered.put(String.valueOf(k), renderValue(v, variables)));
      return rendered;
    }
    if (value instanceof List<?> list) {
      List<Object> rendered = new ArrayList<>();
      list.forEach(item -> rendered.add(renderValue(item, variables)));
      return rendered;
    }
    return value;
  }

  /** Numbers print without a trailing ".0" so that 2 and 2.0 both read "2" in a query. */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number number) {
      BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
      return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }
    return value.toString();
  }
}
