package io.obitox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package boundaries of docs/ARCHITECTURE.md, checked on every build. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.obitox");
    }

    @Test
    void onlyUiPackagesUseJavaFx() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..", "atlantafx..")
                .because("services, the CLI and the engine must run and be tested without a UI toolkit")
                .check(classes);
    }

    @Test
    void servicesDoNotDependOnViews() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..ui..", "io.obitox.app")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..ui..")
                .because("dependencies point from views to view models to services, never back")
                .check(classes);
    }

    @Test
    void servicesDoNotDependOnTheCli() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..cli..", "io.obitox.app")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..cli..")
                .because("the CLI is a front end over the services, like the GUI")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootAndFrontEndsKnowTheAppContext() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.obitox.app..", "..cli..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.obitox.app.AppContext")
                .because("services get their collaborators through constructors, not from the composition root")
                .check(classes);
    }

    @Test
    void nothingOutsideTheSandboxPackageNeedsIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.obitox.sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.obitox.sandbox..")
                .because("the sandbox is found with ServiceLoader so an installer can leave it out")
                .check(classes);
    }

    @Test
    void viewModelsDoNotTouchNodes() {
        classes()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("javafx.scene..", "javafx.stage..")
                .because("a view model holds state and commands; only views know controls")
                .check(classes);
    }

    @Test
    void platformRunLaterHasOneHome() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.obitox.common.ui.UiTasks")
                .should()
                .callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("callbacks reach the FX thread through UiTasks only")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.obitox.(**)")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                                "io.obitox.app..", "io.obitox.cli.."))
                .check(classes);
    }
}
