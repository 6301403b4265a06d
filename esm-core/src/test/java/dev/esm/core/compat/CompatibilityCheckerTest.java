package dev.esm.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esm.core.schema.LoadedFile;
import dev.esm.core.schema.SchemaLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityCheckerTest {

  @TempDir Path dir;

  private static final String BASE = """
      @namespace("com.acme.cart")
      protocol Cart {
        enum Currency { EUR, USD, GBP }
        fixed Hash(16);
        record Money { long amount; Currency currency; }
        record Line { string sku; int quantity; }
        record AddToCartEvent {
          string user_id;
          int quantity;
          Money price;
          Hash hash;
          union { null, string, int } coupon = null;
          array<Line> lines = [];
          map<Line> by_sku = {};
        }
      }
      """;

  @Test
  void aFieldAddedWithoutDefaultBreaksBackwardAtItsLine() throws IOException {
    String head = BASE.replace("  string user_id;\n", "  string user_id;\n    string course_id;\n");
    assertThat(check(CompatibilityMode.BACKWARD, head)).containsExactly(
        "head/cart.avdl:9:12: error: READER_FIELD_MISSING_DEFAULT_VALUE at AddToCartEvent.course_id (backward): field course_id is new and"
            + " has no default, so the new schema cannot read data written with the old one; add a default, or make it optional:"
            + " union { null, string } course_id = null;");
    assertThat(check(CompatibilityMode.FORWARD, head)).isEmpty();
  }

  @Test
  void aFieldRemovedWithoutDefaultBreaksForwardAtTheRecordsLine() throws IOException {
    String head = BASE.replace("    int quantity;\n    Money", "    Money");
    assertThat(check(CompatibilityMode.FORWARD, head)).containsExactly(
        "head/cart.avdl:7:3: error: READER_FIELD_MISSING_DEFAULT_VALUE at AddToCartEvent.quantity (forward): field quantity was"
            + " removed and the old schema declares it without a default, so readers still on the old schema cannot read data"
            + " written with the new one; keep the field, or first release it with a default and remove it later");
    assertThat(check(CompatibilityMode.BACKWARD, head)).isEmpty();
  }

  @Test
  void aTypeChangeFoundInBothDirectionsIsReportedOnceUnderFull() throws IOException {
    String head = BASE.replace("  string user_id;", "  int user_id;");
    List<String> full = check(CompatibilityMode.FULL, head);
    assertThat(full).containsExactly(
        "head/cart.avdl:8:9: error: TYPE_MISMATCH at AddToCartEvent.user_id (backward and forward): the type of user_id changed"
            + " from string to int, which Avro cannot convert, so neither version can read data written with the other;"
            + " keep the old type, or add a new field of the new type with a default (Avro only promotes int to long, float or"
            + " double, long to float or double, float to double, and string to and from bytes)");
  }

  @Test
  void aPromotionIsBackwardCompatibleButNotForward() throws IOException {
    String head = BASE.replace("  int quantity;\n    Money", "  long quantity;\n    Money");
    assertThat(check(CompatibilityMode.BACKWARD, head)).isEmpty();
    assertThat(check(CompatibilityMode.FORWARD, head)).singleElement().asString()
        .startsWith("head/cart.avdl:9:10: error: TYPE_MISMATCH at AddToCartEvent.quantity (forward): the type of quantity changed"
            + " from int to long");
  }

  @Test
  void aRemovedEnumSymbolIsReportedAtTheFieldThatUsesTheEnum() throws IOException {
    String head = BASE.replace("{ EUR, USD, GBP }", "{ EUR, USD }");
    assertThat(check(CompatibilityMode.BACKWARD, head)).containsExactly(
        "head/cart.avdl:5:40: error: MISSING_ENUM_SYMBOLS at Money.currency (backward): enum com.acme.cart.Currency of currency"
            + " no longer has the symbols [GBP] that old data may hold; keep those symbols, or give the enum a default symbol"
            + " (enum Currency { …, UNKNOWN } = UNKNOWN;)");
  }

  @Test
  void aRemovedUnionBranchIsReportedAtItsField() throws IOException {
    String head = BASE.replace("union { null, string, int } coupon", "union { null, string } coupon");
    assertThat(check(CompatibilityMode.BACKWARD, head)).containsExactly(
        "head/cart.avdl:12:28: error: MISSING_UNION_BRANCH at AddToCartEvent.coupon (backward): the union of coupon can no"
            + " longer read int that old data may hold; keep that branch in the union");
  }

  @Test
  void aFixedOfAnotherSizeIsReportedAtItsField() throws IOException {
    String head = BASE.replace("fixed Hash(16);", "fixed Hash(32);");
    assertThat(check(CompatibilityMode.BACKWARD, head)).containsExactly(
        "head/cart.avdl:11:10: error: FIXED_SIZE_MISMATCH at AddToCartEvent.hash (backward): fixed com.acme.cart.Hash of hash"
            + " changed size from 16 to 32 bytes; keep the size, or add a new field of a new fixed type");
  }

  @Test
  void aRenamedTypeIsANameMismatchWithTheAliasAsFix() throws IOException {
    String head = BASE.replace("fixed Hash(16);", "fixed Digest(16);").replace("Hash hash;", "Digest hash;");
    assertThat(check(CompatibilityMode.BACKWARD, head)).containsExactly(
        "head/cart.avdl:11:12: error: NAME_MISMATCH at AddToCartEvent.hash (backward): the type of hash is now named"
            + " com.acme.cart.Digest instead of com.acme.cart.Hash, so Avro no longer matches them; keep the old name, or add it"
            + " as an alias: @aliases([\"com.acme.cart.Hash\"])");
  }

  @Test
  void aChangeInsideANestedRecordIsReportedOnceAtTheNestedRecordsField() throws IOException {
    String head = BASE.replace("record Money { long amount;", "record Money { string amount;");
    assertThat(check(CompatibilityMode.BACKWARD, head)).singleElement().asString()
        .startsWith("head/cart.avdl:5:25: error: TYPE_MISMATCH at Money.amount (backward): the type of amount changed from long"
            + " to string");
  }

  @Test
  void aChangeInsideRecordsOfArraysAndMapsIsReportedAtTheNestedRecordsField() throws IOException {
    String head = BASE.replace("record Line { string sku; int quantity; }", "record Line { string sku; int quantity; string shop; }");
    assertThat(check(CompatibilityMode.BACKWARD, head)).singleElement().asString()
        .startsWith("head/cart.avdl:6:50: error: READER_FIELD_MISSING_DEFAULT_VALUE at Line.shop (backward)");
  }

  @Test
  void aNestedRecordOutsideTheCheckedFilesIsReportedAtTheFieldThatReachesIt() throws IOException {
    write("base/types.avdl", "@namespace(\"com.acme.t\") protocol T { record Item { string sku; } }");
    write("head/types.avdl", "@namespace(\"com.acme.t\") protocol T { record Item { string sku; int count; } }");
    String events = "@namespace(\"com.acme.e\") protocol E { import idl \"types.avdl\";\n"
        + "  record Order {\n    array<com.acme.t.Item> items;\n  }\n}\n";
    write("base/order.avdl", events);
    write("head/order.avdl", events);
    SchemaLoader loader = new SchemaLoader(dir, dev.esm.core.config.Limits.DEFAULT.maxFileBytes());
    CompatibilityReport report = new CompatibilityChecker(CompatibilityMode.BACKWARD)
        .check(List.of(loader.load(dir.resolve("base/order.avdl"))), List.of(loader.load(dir.resolve("head/order.avdl"))));
    assertThat(report.diagnostics(true)).singleElement().extracting(d -> d.format(dir)).asString()
        .startsWith("head/order.avdl:3:28: error: READER_FIELD_MISSING_DEFAULT_VALUE at Order.items[].count (backward)");
  }

  @Test
  void aRecordOnOneSideOnlyAndNoneModeAreNotChecked() throws IOException {
    String head = BASE.replace("record AddToCartEvent {", "record AddToBasketEvent {");
    assertThat(check(CompatibilityMode.FULL, head)).isEmpty();
    assertThat(check(CompatibilityMode.NONE, BASE.replace("  string user_id;", "  int user_id;"))).isEmpty();
  }

  @Test
  void warningsWhenNotEnforced() throws IOException {
    write("base/cart.avdl", BASE);
    write("head/cart.avdl", BASE.replace("  string user_id;", "  int user_id;"));
    CompatibilityReport report = report(CompatibilityMode.BACKWARD);
    assertThat(report.recordsChecked()).isEqualTo(1);
    assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
      assertThat(i.type()).isEqualTo("TYPE_MISMATCH");
      assertThat(i.record()).isEqualTo("com.acme.cart.AddToCartEvent");
      assertThat(i.fieldPath()).isEqualTo("AddToCartEvent.user_id");
      assertThat(i.toDiagnostic(false).isError()).isFalse();
    });
  }

  private List<String> check(CompatibilityMode mode, String head) throws IOException {
    write("base/cart.avdl", BASE);
    write("head/cart.avdl", head);
    return report(mode).diagnostics(true).stream().map(d -> d.format(dir)).toList();
  }

  private CompatibilityReport report(CompatibilityMode mode) {
    SchemaLoader loader = new SchemaLoader(dir, dev.esm.core.config.Limits.DEFAULT.maxFileBytes());
    LoadedFile base = loader.load(dir.resolve("base/cart.avdl"));
    LoadedFile head = loader.load(dir.resolve("head/cart.avdl"));
    assertThat(base.diagnostics()).isEmpty();
    assertThat(head.diagnostics()).isEmpty();
    return new CompatibilityChecker(mode).check(List.of(base), List.of(head));
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
