package dev.esm.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.compiler.specific.SpecificCompiler;
import org.junit.jupiter.api.Test;

class GeneratedClassNameTest {

  @Test
  void namesTheClassAsAvrosCompilerDoesReservedWordsIncluded() {
    SpecificCompiler compiler = new SpecificCompiler(List.of());
    for (String namespace : new String[] {null, "com.acme.events.cart", "com.int.events.package", "a.var.record"}) {
      for (String name : new String[] {"AddToCartEvent", "record", "var", "Builder", "Class", "yield"}) {
        Schema record = Schema.createRecord(name, null, namespace, false, List.of());

        assertThat(GeneratedClassName.of(record)).as("%s.%s", namespace, name).isEqualTo(compiler.javaType(record));
      }
    }
  }

  @Test
  void manglesAJavaKeywordInTheNamespace() {
    Schema record = Schema.createRecord("RefundIssued", null, "com.acme.events.new", false, List.of());

    assertThat(GeneratedClassName.of(record)).isEqualTo("com.acme.events.new$.RefundIssued");
  }
}
