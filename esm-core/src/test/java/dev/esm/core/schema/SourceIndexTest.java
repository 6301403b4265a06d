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
}
