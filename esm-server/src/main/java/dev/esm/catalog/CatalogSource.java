package dev.esm.catalog;

import dev.esm.core.config.EsmConfig;
import dev.esm.core.coverage.EmissionSite;
import dev.esm.core.datadog.DatadogException;
import dev.esm.core.datadog.DatadogMonitors;
import dev.esm.core.datadog.RemoteMonitor;
import dev.esm.core.diagnostic.InvalidInputException;
import dev.esm.core.render.RenderContext;
import dev.esm.core.workspace.Rendering;
import dev.esm.core.workspace.SchemaSource;
import dev.esm.core.workspace.Workspace;
import dev.esm.github.DefaultBranchReader;
import dev.esm.github.DefaultBranchReader.CheckedOutBranch;
import dev.esm.github.GitHubClients;
import dev.esm.github.GitHubException;
import dev.esm.github.SchemaPaths;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the catalog shows from GitHub and Datadog, writing nothing: for each served
 * repository its repository description and one archive of its default branch (two GitHub calls,
 * plus the listing of served repositories as a GitHub App), and one listing of the monitors
 * carrying the identity tag (one Datadog call a page). A repository that cannot be read is a
 * problem on the page, not a failure of the whole.
 */
public final class CatalogSource {

  /** What one read found. */
  public record Snapshot(Instant at, List<Branch> branches, List<RemoteMonitor> managed, List<String> problems) {
    public Snapshot {
      branches = List.copyOf(branches);
      managed = List.copyOf(managed);
      problems = List.copyOf(problems);
    }
  }

  private final EsmConfig config;
  private final DatadogMonitors datadog;
  private final GitHubClients gitHub;
  private final DefaultBranchReader reader;
  private final SchemaPaths schemaPaths;
  private final Clock clock;

  public CatalogSource(EsmConfig config, DatadogMonitors datadog, GitHubClients gitHub, Clock clock) {
    this.config = config;
    this.datadog = datadog;
    this.gitHub = gitHub;
    this.reader = new DefaultBranchReader(null, config.limits());
    this.schemaPaths = new SchemaPaths(config.github().schemaPaths());
    this.clock = clock;
  }

  /** Reads every served repository's default branch and Datadog's listing. */
  public Snapshot read() {
    Instant at = clock.instant();
    List<String> problems = new ArrayList<>();
    List<Branch> branches = new ArrayList<>();
    List<GitHubClients.Served> served;
    try {
      served = gitHub.served(config.github().repositories());
    } catch (IOException | GitHubException e) {
      problems.add("cannot list the served repositories on GitHub: " + e.getMessage());
      served = List.of();
    }
    for (GitHubClients.Served repository : served) {
      try {
        branches.add(branch(repository));
      } catch (InvalidInputException e) {
        problems.add(repository.fullName() + ": the default branch holds "
            + e.diagnostics().stream().filter(d -> d.isError()).count() + " invalid schema error(s); its events are not shown");
      } catch (GitHubException | IOException e) {
        problems.add(repository.fullName() + ": cannot read the default branch: " + e.getMessage());
      } catch (RuntimeException e) { // a refused archive or file: named, never a stack trace
        problems.add(repository.fullName() + ": cannot read the default branch (" + e.getClass().getSimpleName() + ")");
      }
    }
    List<RemoteMonitor> managed;
    try {
      managed = datadog.listByTag(config.identityTag());
    } catch (DatadogException e) {
      problems.add("cannot list the monitors in Datadog: " + e.getMessage());
      managed = List.of();
    }
    return new Snapshot(at, branches, managed, problems);
  }

  private Branch branch(GitHubClients.Served served) throws IOException {
    var repository = DefaultBranchReader.repository(gitHub.forInstallation(served.installationId()), served.fullName());
    try (CheckedOutBranch branch = reader.read(repository, config.coverage().sources())) {
      String page = branch.repositoryUrl() == null ? null : branch.repositoryUrl().toString();
      RenderContext context = new RenderContext(page, branch.branch(), null);
      Rendering rendering = new Workspace(config)
          .render(new SchemaSource(branch.root(), schemaPaths.schemaFiles(branch.root())), context);
      return new Branch(branch.repository(), branch.branch(), branch.repositoryUrl(), rendering.events(),
          rendering.monitors(), rendering.coverageRead() ? emissions(rendering, branch.root(), context) : null);
    }
  }

  private static Map<String, List<Catalog.Site>> emissions(Rendering rendering, Path root, RenderContext context) {
    Map<String, List<Catalog.Site>> sites = new HashMap<>();
    rendering.emissions().forEach((event, found) -> {
      List<Catalog.Site> shown = new ArrayList<>();
      for (EmissionSite site : found) {
        String path = site.relativePath(root);
        String url = context.fileUrl(path);
        shown.add(new Catalog.Site(path, site.line(), url == null ? null : URI.create(url + "#L" + site.line())));
      }
      sites.put(event, shown);
    });
    return sites;
  }
}
