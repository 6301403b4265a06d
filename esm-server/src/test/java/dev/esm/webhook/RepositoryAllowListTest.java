package dev.esm.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.esm.core.diagnostic.EsmException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryAllowListTest {

  private final RepositoryAllowList allowList = new RepositoryAllowList(List.of("acme/event-schemas", "initech/*"));

  @Test
  void allowsListedRepositoriesAndWholeOrganisationsIgnoringCase() {
    assertThat(allowList.allows("acme/event-schemas")).isTrue();
    assertThat(allowList.allows("ACME/Event-Schemas")).isTrue();
    assertThat(allowList.allows("initech/anything")).isTrue();
    assertThat(allowList.allows("acme/other")).isFalse();
    assertThat(allowList.allows("acme-evil/event-schemas")).isFalse();
    assertThat(allowList.allows("initechx/anything")).isFalse();
    assertThat(allowList.allows(null)).isFalse();
    assertThat(allowList.allows("event-schemas")).isFalse();
  }

  @Test
  void rejectsEntriesThatAreNotOwnerSlashName() {
    for (String bad : List.of("acme", "acme/", "/x", "a/b/c", "*/x", "acme/x*")) {
      assertThatThrownBy(() -> new RepositoryAllowList(List.of(bad)))
          .isInstanceOf(EsmException.class)
          .hasMessageContaining("is not owner/name or owner/*");
    }
  }
}
