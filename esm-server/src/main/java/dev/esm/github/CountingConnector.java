package dev.esm.github;

import dev.esm.core.calls.CallCounter;
import java.io.IOException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/** Counts every request github-api sends, and those that fail. */
final class CountingConnector implements GitHubConnector {

  private final GitHubConnector delegate;
  private final CallCounter counter;

  CountingConnector(GitHubConnector delegate, CallCounter counter) {
    this.delegate = delegate;
    this.counter = counter;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    counter.call();
    try {
      GitHubConnectorResponse response = delegate.send(request);
      if (response.statusCode() >= 400) {
        counter.error();
      }
      return response;
    } catch (IOException | RuntimeException e) {
      counter.error();
      throw e;
    }
  }
}
