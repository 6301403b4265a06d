package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.webhook.Command.Kind;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "esm register|REGISTER|register",
      "  ESM Register  |REGISTER|register",
      "esm   plan\\nwith a note below|PLAN|plan",
      "esm plan\\r\\n\\r\\nthanks|PLAN|plan",
      "\\n\\n esm help|HELP|help",
      "esm deploy|HELP|deploy",
      "esm|HELP|''",
      "esm register now|HELP|register now",
  })
  void readsTheCommandOnTheFirstLine(String body, Kind kind, String word) {
    assertThat(Command.parse(body.replace("\\n", "\n").replace("\\r", "\r"))).contains(new Command(kind, word));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "LGTM",
      "please esm register",
      "esmregister",
      "> esm register",
      "looks good\\nesm register",
  })
  void ignoresCommentsThatDoNotStartWithEsm(String body) {
    assertThat(Command.parse(body.replace("\\n", "\n"))).isEqualTo(Optional.empty());
  }
}
