package dev.esm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of docs/conventions.md for the front ends, checked on every build. */
class ArchitectureTest {

  private static final JavaClasses ESM = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.esm");

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.esm.(*)..").should().beFreeOfCycles()
        .because("the command line, the service and the GitHub adapter depend on each other one way only")
        .check(ESM);
  }

  @Test
  void theGitHubAdapterKnowsNothingOfTheServiceOrTheCommandLine() {
    noClasses().that().resideInAPackage("dev.esm.github..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.esm.webhook..", "dev.esm.cli..", "io.javalin..")
        .because("dev.esm.github reads pull requests and writes feedback for whichever front end asks")
        .check(ESM);
  }

  @Test
  void theCatalogReadsAndKnowsNothingOfTheServiceOrItsHttpServer() {
    noClasses().that().resideInAPackage("dev.esm.catalog..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.esm.webhook..", "dev.esm.cli..", "io.javalin..",
            "org.eclipse.jetty..")
        .because("dev.esm.catalog assembles and renders the catalog page; the service only routes GET / to it")
        .check(ESM);
  }
}
