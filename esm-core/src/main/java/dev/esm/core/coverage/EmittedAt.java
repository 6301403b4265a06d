package dev.esm.core.coverage;

import dev.esm.core.render.MessageComposer;
import dev.esm.core.render.RenderContext;
import java.nio.file.Path;
import java.util.List;

/** The "Emitted at" line of a monitor message: at most five sites, linked to the repository, then "and N more". */
public final class EmittedAt {

  static final int SHOWN = 5;

  private EmittedAt() {}

  /**
   * @param root the repository root, which links and paths start from
   * @param folders the configured source folders, named when no site was found
   */
  public static String line(List<EmissionSite> sites, Path root, RenderContext context, List<String> folders) {
    StringBuilder out = new StringBuilder(MessageComposer.EMITTED_AT);
    if (sites.isEmpty()) {
      return out.append("no site found in ").append(String.join(", ", folders.stream().map(f -> "`" + f + "`").toList()))
          .append(": check that a service still sends this event").toString();
    }
    for (int i = 0; i < Math.min(SHOWN, sites.size()); i++) {
      EmissionSite site = sites.get(i);
      String path = site.relativePath(root);
      String url = context.fileUrl(path);
      out.append(i == 0 ? "" : ", ")
          .append(url == null ? "`" + path + ":" + site.line() + "`" : "[" + path + ":" + site.line() + "](" + url + "#L" + site.line() + ")");
    }
    if (sites.size() > SHOWN) {
      out.append(" and ").append(sites.size() - SHOWN).append(" more");
    }
    return out.toString();
  }
}
