package dev.esm.webhook;

import java.util.List;
import java.util.Optional;

/** Every command ESM answers on a pull request, in the order the help lists them. */
final class Commands {

  static final SchemaCommand PLAN = new PlanCommand();
  static final SchemaCommand REGISTER = new RegisterCommand();
  static final PullRequestCommand HELP = new HelpCommand();

  static final List<PullRequestCommand> ALL = List.of(PLAN, REGISTER, HELP);

  private Commands() {}

  static Optional<PullRequestCommand> named(String word) {
    return ALL.stream().filter(c -> c.word().equals(word)).findFirst();
  }
}
