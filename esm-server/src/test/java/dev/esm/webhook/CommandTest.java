package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "esm register|register|register",
      "  ESM Register  |register|register",
      "esm   plan\\nwith a note below|plan|plan",
      "esm plan\\r\\n\\r\\nthanks|plan|plan",
      "\\n\\n esm help|help|help",
      "esm deploy|help|deploy",
      "esm|help|''",
      "esm register now|help|register now",
  })
  void readsTheCommandOnTheFirstLine(String body, String command, String word) {
    assertThat(Command.parse(body.replace("\\n", "\n").replace("\\r", "\r")))
        .contains(new Command(Commands.named(command).orElseThrow(), word));
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
