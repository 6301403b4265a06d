package dev.esm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void leavesDatadogMessageVariablesAlone() {
    assertThat(Templates.render("{{#is_alert}}${record} is down{{/is_alert}} {{value}}", Map.of("record", "Clicked")))
        .isEqualTo("{{#is_alert}}Clicked is down{{/is_alert}} {{value}}");
  }

  @Test
  void failsLoudlyOnAnUnknownVariable() {
    assertThatThrownBy(() -> Templates.render("sum(last_${windw})", Map.of("window", "1h")))
        .isInstanceOf(UnknownVariableException.class)
        .hasMessage("unknown variable ${windw} in \"sum(last_${windw})\"");
  }

  @Test
  void keepsTheTypeOfAValueThatIsOnePlaceholder() {
    Object rendered = Templates.renderValue(
        Map.of("thresholds", Map.of("critical", "${threshold}"), "windows", List.of("last_${window}")),
        Map.of("threshold", new BigDecimal("2.50"), "window", "1h"));

    assertThat(rendered).isEqualTo(Map.of("thresholds", Map.of("critical", new BigDecimal("2.50")), "windows", List.of("last_1h")));
  }

  @Test
  void printsWholeNumbersWithoutDecimals() {
    assertThat(Templates.format(2.0)).isEqualTo("2");
    assertThat(Templates.format(new BigDecimal("100.00"))).isEqualTo("100");
    assertThat(Templates.format(0.5)).isEqualTo("0.5");
  }
}
