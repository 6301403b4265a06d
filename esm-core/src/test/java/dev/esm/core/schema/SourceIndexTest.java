package dev.esm.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceIndexTest {

  @Test
  void pairsAnnotationsWithTheRecordThatFollowsThem() {
    SourceIndex index = SourceIndex.of("""
        @namespace("a.b")
        protocol P {
          /** doc with @monitor("not an annotation") and a ) */
          @monitor({"type": "no_traffic", "note": "a ) inside a string"})
          @owner("team-x") // a comment
          record Clicked { string id; }
          record `error` { @order("ascending") string name; }
        }
        """);

    assertThat(index.records()).extracting(SourceIndex.Declaration::name).containsExactly("Clicked", "error");
    SourceIndex.Declaration clicked = index.records().get(0);
    assertThat(clicked.line()).isEqualTo(6);
    assertThat(clicked.annotation("monitor").line()).isEqualTo(4);
    assertThat(clicked.annotation("monitor").column()).isEqualTo(3);
    assertThat(clicked.annotation("owner").line()).isEqualTo(5);
    assertThat(index.strayAnnotations()).extracting(SourceIndex.Annotation::name).containsExactly("namespace", "order");
  }

  @Test
  void findsEachFieldOfARecordAtItsName() {
    SourceIndex index = SourceIndex.of("""
        protocol P {
          record Order {
            /** the buyer, a ; in a comment */
            string buyer;
            union { null, string } coupon = null, `voucher` = "a;b";
            array<map<string>> lines = [{"a": "b, c"}];
            decimal(9, 2) @aliases(["price_eur"]) price;
            string? note;
          }
          enum E { A, B }
        }
        """);

    SourceIndex.Declaration order = index.records().get(0);
    assertThat(index.fields(order)).containsExactly(
        new SourceIndex.Field("buyer", 4, 12),
        new SourceIndex.Field("coupon", 5, 28),
        new SourceIndex.Field("voucher", 5, 43),
        new SourceIndex.Field("lines", 6, 24),
        new SourceIndex.Field("price", 7, 43),
        new SourceIndex.Field("note", 8, 13));
    assertThat(index.fields(index.declarations().get(1))).isEmpty();
  }
}
