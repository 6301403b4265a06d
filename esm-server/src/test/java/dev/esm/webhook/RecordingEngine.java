package dev.esm.webhook;

import dev.esm.github.PullRequestSnapshot;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A {@link CommandEngine} for tests: answers what it is told and remembers what it was asked. */
final class RecordingEngine implements CommandEngine {

  /** One call, with what the engine could see on disk at the time. */
  record Call(String command, PullRequestSnapshot snapshot, List<String> filesSeen, long startNanos, long endNanos) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  volatile Function<PullRequestSnapshot, CommandResult> plan = pr -> CommandResult.completed(List.of(), "");
  volatile Function<PullRequestSnapshot, CommandResult> register = pr -> CommandResult.completed(List.of(), "");
  volatile Function<PullRequestSnapshot, CommandResult> restore = pr -> CommandResult.completed(List.of(), "");
  volatile long workMillis;

  @Override
  public CommandResult plan(PullRequestSnapshot pullRequest) {
    return run("plan", pullRequest, plan);
  }

  @Override
  public CommandResult register(PullRequestSnapshot pullRequest) {
    return run("register", pullRequest, register);
  }

  @Override
  public CommandResult restore(PullRequestSnapshot closed, java.nio.file.Path defaultBranchRoot) {
    return run("restore", closed, restore);
  }

  private CommandResult run(String command, PullRequestSnapshot pr, Function<PullRequestSnapshot, CommandResult> answer) {
    long start = System.nanoTime();
    List<String> seen = pr.changedFiles().stream()
        .map(f -> f.path() + " base=" + (f.basePath() != null && Files.exists(pr.baseRoot().resolve(f.basePath())))
            + " head=" + (f.headPath() != null && Files.exists(pr.headRoot().resolve(f.headPath()))))
        .toList();
    try {
      if (workMillis > 0) {
        Thread.sleep(workMillis);
      }
      return answer.apply(pr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      calls.add(new Call(command, pr, seen, start, System.nanoTime()));
    }
  }

  void reset() {
    calls.clear();
    plan = pr -> CommandResult.completed(List.of(), "");
    register = pr -> CommandResult.completed(List.of(), "");
    restore = pr -> CommandResult.completed(List.of(), "");
    workMillis = 0;
  }
}
