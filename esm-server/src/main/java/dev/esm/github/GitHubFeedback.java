package dev.esm.github;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueQueryBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.ReactionContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write ESM makes to GitHub for one command: reactions on the command comment, result
 * comments on the pull request, commit statuses. Bound to the delivery's repository, pull request
 * and comment without any API call; or, for the drift issue, to a repository alone.
 */
public final class GitHubFeedback {

  private static final Logger LOG = LoggerFactory.getLogger(GitHubFeedback.class);

  /** GitHub refuses a commit status description over 140 characters. */
  public static final int STATUS_DESCRIPTION_LIMIT = 140;

  public enum Reaction {
    /** Seen; working on it. */
    EYES(ReactionContent.EYES),
    /** Done. */
    ROCKET(ReactionContent.ROCKET),
    /** Failed or refused. */
    CONFUSED(ReactionContent.CONFUSED);

    private final ReactionContent content;

    Reaction(ReactionContent content) {
      this.content = content;
    }
  }

  public enum State {
    PENDING(GHCommitState.PENDING),
    SUCCESS(GHCommitState.SUCCESS),
    FAILURE(GHCommitState.FAILURE);

    private final GHCommitState state;

    State(GHCommitState state) {
      this.state = state;
    }
  }

  private final GHRepository repository;
  private final GHIssue pullRequest;
  private final GHIssueComment command;
  private final SelfLogin selfLogin;
  private final CommentMemory memory;
  private final UnaryOperator<String> outgoing;

  /** Who ESM comments as; may fail, in which case earlier comments are not edited. */
  @FunctionalInterface
  public interface SelfLogin {
    String get() throws IOException;
  }

  private GitHubFeedback(GHRepository repository, GHIssue pullRequest, GHIssueComment command, SelfLogin selfLogin,
      CommentMemory memory, UnaryOperator<String> outgoing) {
    this.repository = repository;
    this.pullRequest = pullRequest;
    this.command = command;
    this.selfLogin = selfLogin;
    this.memory = memory;
    this.outgoing = outgoing;
  }

  /** The same feedback, editing the result comment an earlier attempt of the command posted ({@link #publish}). */
  public GitHubFeedback remembering(CommentMemory commentMemory) {
    return new GitHubFeedback(repository, pullRequest, command, selfLogin, commentMemory, outgoing);
  }

  /** Binds to the repository, pull request and comment of an {@code issue_comment} delivery (no API call). */
  public static GitHubFeedback forDelivery(GitHub gitHub, byte[] rawBody, SelfLogin selfLogin) throws IOException {
    return forDelivery(gitHub, rawBody, selfLogin, UnaryOperator.identity());
  }

  /** As above; every text written (comments, status descriptions) passes through {@code outgoing} first, e.g. to mask secrets. */
  public static GitHubFeedback forDelivery(GitHub gitHub, byte[] rawBody, SelfLogin selfLogin, UnaryOperator<String> outgoing)
      throws IOException {
    GHEventPayload.IssueComment payload = gitHub.parseEventPayload(
        new StringReader(new String(rawBody, StandardCharsets.UTF_8)), GHEventPayload.IssueComment.class);
    return new GitHubFeedback(payload.getRepository(), payload.getIssue(), payload.getComment(), selfLogin, CommentMemory.NONE,
        outgoing);
  }

  /** Binds to the repository and pull request of a {@code pull_request} delivery (no API call); no command comment. */
  public static GitHubFeedback forPullRequestDelivery(GitHub gitHub, byte[] rawBody, SelfLogin selfLogin,
      UnaryOperator<String> outgoing) throws IOException {
    GHEventPayload.PullRequest payload = gitHub.parseEventPayload(
        new StringReader(new String(rawBody, StandardCharsets.UTF_8)), GHEventPayload.PullRequest.class);
    return new GitHubFeedback(payload.getRepository(), payload.getPullRequest(), null, selfLogin, CommentMemory.NONE, outgoing);
  }

  /** Bound to a repository alone, for what ESM writes outside pull requests: the drift issue. */
  public static GitHubFeedback forRepository(GHRepository repository, SelfLogin selfLogin) {
    return forRepository(repository, selfLogin, UnaryOperator.identity());
  }

  /** As above; every text written passes through {@code outgoing} first, e.g. to mask secrets. */
  public static GitHubFeedback forRepository(GHRepository repository, SelfLogin selfLogin, UnaryOperator<String> outgoing) {
    return new GitHubFeedback(repository, null, null, selfLogin, CommentMemory.NONE, outgoing);
  }

  /** The delivery's repository, bound to the client; for reading the pull request. */
  public GHRepository repository() {
    return repository;
  }

  public void react(Reaction reaction) {
    call("adding a reaction to the command comment", () -> command.createReaction(reaction.content));
  }

  /** Posts a new comment; returns its page. */
  public URL comment(String body) {
    String text = outgoing.apply(body);
    return call("commenting on pull request #" + pullRequest.getNumber(), () -> pullRequest.comment(text).getHtmlUrl());
  }

  /**
   * Posts {@code parts} as consecutive comments and returns the first one's page. With
   * {@code replaceEarlier}, ESM's own earlier comments whose first line matches {@code marker} are
   * edited in place instead (extra ones are deleted), so the pull request keeps one current copy.
   * A command run again edits the comment its earlier attempt posted (see {@link CommentMemory}).
   */
  public URL publish(List<String> parts, Pattern marker, boolean replaceEarlier) {
    List<GHIssueComment> earlier = replaceEarlier ? earlierComments(marker) : List.of();
    String key = replaceEarlier ? null : memory.key().map(GitHubFeedback::keyLine).orElse(null);
    if (!replaceEarlier && memory.earlier().isPresent()) {
      long id = memory.earlier().get();
      earlier = earlierComments(marker).stream().filter(c -> c.getId() == id).toList();
    } else if (key != null && memory.rerun()) {
      // An earlier attempt may have posted its comment and died before remembering it: its key says so.
      earlier = earlierComments(marker).stream()
          .filter(c -> c.getBody() != null && c.getBody().lines().anyMatch(key::equals)).limit(1).toList();
      if (!earlier.isEmpty()) {
        memory.remember(earlier.get(0).getId());
      }
    }
    URL first = null;
    for (int i = 0; i < parts.size(); i++) {
      String body = outgoing.apply(i == 0 && key != null ? parts.get(i) + "\n" + key : parts.get(i));
      URL url;
      if (i < earlier.size()) {
        GHIssueComment old = earlier.get(i);
        call("editing ESM's earlier comment on pull request #" + pullRequest.getNumber(), () -> {
          old.update(body);
          return null;
        });
        url = old.getHtmlUrl();
      } else {
        GHIssueComment posted = call("commenting on pull request #" + pullRequest.getNumber(), () -> pullRequest.comment(body));
        if (i == 0) {
          memory.remember(posted.getId());
        }
        url = posted.getHtmlUrl();
      }
      if (first == null) {
        first = url;
      }
    }
    for (int i = parts.size(); i < earlier.size(); i++) {
      GHIssueComment stale = earlier.get(i);
      call("deleting ESM's outdated comment on pull request #" + pullRequest.getNumber(), () -> {
        stale.delete();
        return null;
      });
    }
    return first;
  }

  /** The hidden line naming a command in its result comment; only letters, digits, - and _ of the key are kept. */
  static String keyLine(String key) {
    return "<!-- esm:command " + key.replaceAll("[^A-Za-z0-9_-]", "") + " -->";
  }

  /** GitHub takes at most this many annotations per check-run request. */
  public static final int ANNOTATIONS_PER_REQUEST = 50;
  /** GitHub refuses a check run's {@code output.summary} over 65,535 characters. */
  public static final int CHECK_SUMMARY_LIMIT = 65_535;

  /** Creates the check run {@code name} on {@code sha}, in progress; returns its ID. */
  public long startCheckRun(String sha, String name) {
    return call("creating the " + name + " check run on " + sha, () -> repository.createCheckRun(name, sha)
        .withStatus(GHCheckRun.Status.IN_PROGRESS).withStartedAt(new java.util.Date()).create().getId());
  }

  /**
   * Completes a check run with its output; annotations go {@value #ANNOTATIONS_PER_REQUEST} a
   * request, the rest in further updates (GitHub adds them up).
   *
   * @param conclusion e.g. {@code success}, {@code failure}, {@code cancelled}
   */
  public void completeCheckRun(long id, String conclusion, String title, String summary, List<CheckAnnotation> annotations) {
    String masked = outgoing.apply(summary);
    String text = masked.length() <= CHECK_SUMMARY_LIMIT ? masked : masked.substring(0, CHECK_SUMMARY_LIMIT - 1) + "…";
    int batches = Math.max(1, (annotations.size() + ANNOTATIONS_PER_REQUEST - 1) / ANNOTATIONS_PER_REQUEST);
    for (int batch = 0; batch < batches; batch++) {
      GHCheckRunBuilder.Output output = new GHCheckRunBuilder.Output(outgoing.apply(title), text);
      for (CheckAnnotation a : annotations.subList(batch * ANNOTATIONS_PER_REQUEST,
          Math.min(annotations.size(), (batch + 1) * ANNOTATIONS_PER_REQUEST))) {
        output.add(new GHCheckRunBuilder.Annotation(a.path(), a.line(),
            a.failure() ? GHCheckRun.AnnotationLevel.FAILURE : GHCheckRun.AnnotationLevel.WARNING, outgoing.apply(a.message())));
      }
      GHCheckRunBuilder update = repository.updateCheckRun(id).add(output);
      if (batch == 0) {
        update = update.withStatus(GHCheckRun.Status.COMPLETED).withCompletedAt(new java.util.Date())
            .withConclusion(GHCheckRun.Conclusion.valueOf(conclusion.toUpperCase(java.util.Locale.ROOT)));
      }
      GHCheckRunBuilder request = update;
      call("completing check run " + id, () -> request.create());
    }
  }

  /** Sets a commit status; the description is cut to GitHub's 140 characters. */
  public void status(String sha, String context, State state, String description, URL target) {
    description = outgoing.apply(description);
    String text = description.length() <= STATUS_DESCRIPTION_LIMIT
        ? description
        : description.substring(0, STATUS_DESCRIPTION_LIMIT - 1) + "…";
    call("setting the " + context + " status on " + sha, () -> repository.createCommitStatus(
        sha, state.state, target == null ? null : target.toString(), text, context));
  }

  /**
   * ESM's own issue titled exactly {@code title}: the open one, else the most recently created
   * closed one; empty when ESM never opened one. One listing of ESM's issues, newest first.
   */
  public Optional<GHIssue> ownIssue(String title) {
    String me = call("finding out who ESM is", selfLogin::get);
    return call("looking for the issue \"" + title + "\" in " + repository.getFullName(), () -> {
      GHIssue closed = null;
      for (GHIssue issue : repository.queryIssues().creator(me).state(GHIssueState.ALL)
          .sort(GHIssueQueryBuilder.Sort.CREATED).direction(GHDirection.DESC).pageSize(100).list()) {
        if (issue.isPullRequest() || !title.equals(issue.getTitle())) {
          continue;
        }
        if (issue.getState() == GHIssueState.OPEN) {
          return Optional.of(issue);
        }
        closed = closed == null ? issue : closed;
      }
      return Optional.ofNullable(closed);
    });
  }

  /** The issue as it is now (one call). */
  public GHIssue issue(int number) {
    return call("reading issue #" + number + " of " + repository.getFullName(), () -> repository.getIssue(number));
  }

  public GHIssue openIssue(String title, String body) {
    return call("opening the issue \"" + title + "\" in " + repository.getFullName(),
        () -> repository.createIssue(title).body(outgoing.apply(body)).create());
  }

  /** Replaces the issue's text; reopens it first when it is closed. */
  public void updateIssue(GHIssue issue, String body, boolean reopen) {
    if (reopen) {
      call("reopening issue #" + issue.getNumber() + " of " + repository.getFullName(), () -> {
        issue.reopen();
        return null;
      });
    }
    call("updating issue #" + issue.getNumber() + " of " + repository.getFullName(), () -> {
      issue.setBody(outgoing.apply(body));
      return null;
    });
  }

  /** Comments on the issue, then closes it when asked. */
  public void commentOnIssue(GHIssue issue, String comment, boolean close) {
    call("commenting on issue #" + issue.getNumber() + " of " + repository.getFullName(), () -> issue.comment(outgoing.apply(comment)));
    if (close) {
      call("closing issue #" + issue.getNumber() + " of " + repository.getFullName(), () -> {
        issue.close();
        return null;
      });
    }
  }

  // getUserName() reads the login the listing already holds; getUser() would cost one API call per comment.
  @SuppressWarnings("deprecation")
  private List<GHIssueComment> earlierComments(Pattern marker) {
    String me;
    try {
      me = selfLogin.get();
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot tell which comments are ESM's own ({}); posting a new one", e.toString());
      return List.of();
    }
    List<GHIssueComment> mine = new ArrayList<>();
    call("reading the comments of pull request #" + pullRequest.getNumber(), () -> {
      for (GHIssueComment comment : pullRequest.listComments().withPageSize(100)) {
        String body = comment.getBody();
        if (me.equalsIgnoreCase(comment.getUserName()) && body != null
            && marker.matcher(body.lines().findFirst().orElse("")).matches()) {
          mine.add(comment);
        }
      }
      return null;
    });
    mine.sort(Comparator.comparingLong(GHIssueComment::getId));
    return mine;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  private static <T> T call(String doing, Call<T> call) {
    try {
      return call.run();
    } catch (IOException e) {
      throw GitHubException.of(doing, e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw GitHubException.of(doing, io);
      }
      throw e;
    }
  }
}
