package io.obitox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
    void nothingButViewsDependsOnViews() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..ui..")
                .because("dependencies point from views to view models to services, never back (the launcher finds"
                        + " the window through FrontEnds)")
                .check(classes);
    }

    @Test
    void nothingButCommandsDependsOnTheCli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..cli..")
                .because("the CLI is a front end over the services, like the GUI (the launcher finds it through"
                        + " FrontEnds)")
                .check(classes);
    }

    @Test
    void featureCoresDoNotDependOnTheCompositionRoot() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.obitox.app..", "..ui..", "..cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.obitox.app..")
                .because("the composition root builds the services; a service that reached back into it would be a"
                        + " cycle and a hidden global")
                .check(classes);
    }

    @Test
    void featureCommandsDoNotKnowTheCommandTree() {
        noClasses()
                .that()
                .resideInAPackage("io.obitox.*.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.obitox.cli")
                .because("io.obitox.cli builds the tree of every command; commands use the kit in io.obitox.cli.kit")
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
        packageCycles().check(classes);
    }

    @Test
    void featureCoresAreFreeOfCycles() {
        featureCoreCycles().check(classes.that(FEATURE_CORE));
    }

    /** The two cycle rules do catch a cycle: two test fixture packages (fixturealpha, fixturebeta) that use each other. */
    @Test
    void theCycleRulesFailOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("io.obitox.fixturealpha", "io.obitox.fixturebeta");
        assertThatThrownBy(() -> packageCycles().check(cyclic))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
        assertThatThrownBy(() -> featureCoreCycles().check(cyclic.that(FEATURE_CORE)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    /** Every package against every other, no exemptions. */
    private static ArchRule packageCycles() {
        return slices().matching("io.obitox.(**)").should().beFreeOfCycles();
    }

    /**
     * The features' cores (each feature's top package and its sub-packages but {@code ui} and {@code cli}) as one
     * slice each: a feature's core may use another's, never the other way round as well.
     */
    private static ArchRule featureCoreCycles() {
        return slices().matching("io.obitox.(*)..").should().beFreeOfCycles();
    }

    private static final DescribedPredicate<JavaClass> FEATURE_CORE = DescribedPredicate.not(
                    JavaClass.Predicates.resideInAnyPackage("..ui..", "..cli..", "io.obitox.app.."))
            .as("a feature core");
}
