package dev.esm.core.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeOwnersTest {

  private final CodeOwners owners = CodeOwners.parse("""
      # Default owners
      *                       @acme/platform
      /cart/                  @acme/team-cart
      *.avdl                  @acme/schema-reviewers
      /cart/**/promo*.avdl    @acme/team-growth  # later, more specific
      docs/                   @acme/docs
      /payments/legacy.avdl
      """);

  @Test
  void letsTheLastMatchingPatternWin() {
    assertThat(owners.ownersOf("cart/promo_events.avdl")).contains(List.of("@acme/team-growth"));
    assertThat(owners.ownersOf("cart/nested/deep/promo_banner.avdl")).contains(List.of("@acme/team-growth"));
    assertThat(owners.ownersOf("cart/cart_events.avdl")).contains(List.of("@acme/schema-reviewers"));
    assertThat(owners.ownersOf("cart/README.md")).contains(List.of("@acme/team-cart"));
  }

  @Test
  void anchorsPatternsWithASlashAndMatchesOthersAtAnyDepth() {
    assertThat(owners.ownersOf("learning/docs/guide.md")).contains(List.of("@acme/docs"));
    assertThat(owners.ownersOf("other/cart/x.md")).contains(List.of("@acme/platform"));
  }

  @Test
  void treatsAPatternWithoutOwnersAsUnowned() {
    assertThat(owners.ownersOf("payments/legacy.avdl")).isEmpty();
  }

  @Test
  void hasNoOwnersWhenNoPatternMatches() {
    assertThat(CodeOwners.parse("/cart/ @acme/team-cart\n").ownersOf("identity/login.avdl")).isEmpty();
  }
}
