package dev.esm.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of docs/conventions.md, checked on every build. */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.esm.core");

  @Test
  void corePackagesHaveNoCycles() {
    slices().matching("dev.esm.core.(*)..").should().beFreeOfCycles()
        .because("one package per concept only stays readable when concepts depend on each other one way")
        .check(CORE);
  }

  @Test
  void coreKnowsNothingOfHttpServersOrGitHub() {
    noClasses().that().resideInAPackage("dev.esm.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.esm.cli..", "dev.esm.webhook..", "dev.esm.github..", "dev.esm.server..",
            "org.kohsuke.github..", "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "picocli..")
        .because("esm-core is the engine both front ends share: the CLI runs it without a server or GitHub")
        .check(CORE);
  }
}
