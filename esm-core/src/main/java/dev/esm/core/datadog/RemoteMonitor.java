package dev.esm.core.datadog;

import dev.esm.core.render.MessageComposer;
import dev.esm.core.render.MonitorDefinition;
import dev.esm.core.render.PullRequestLink;

/** A monitor as Datadog holds it: its ID and its body as listed (Datadog's own rewrites included). */
public record RemoteMonitor(long id, MonitorDefinition definition) {

  /**
   * The pull request that last registered this monitor, as the registering line ESM writes into
   * its message names it; null when none does (registered from the command line, restored, or
   * not made by ESM).
   */
  public PullRequestLink registeredBy() {
    return MessageComposer.registeredBy(definition.message());
  }

  /** The page of the schema file this monitor's message links to; null when it links to none. */
  public String schemaUrl() {
    return MessageComposer.schemaUrl(definition.message());
  }
}
