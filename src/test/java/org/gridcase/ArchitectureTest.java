package org.gridcase;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.gridcase.support.BusinessClock;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The feature boundaries of GridCase, checked on the main classes. Plain JUnit tests rather than {@code @ArchTest}
 * fields, so that surefire's {@code -Dtest=} filter runs and counts them like any other test. An empty {@code that()}
 * fails (ArchUnit's default), so no rule passes by matching nothing.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.gridcase");

    private static final DescribedPredicate<JavaClass> JDBC = describe("JDBC templates",
            c -> c.isAssignableTo(JdbcOperations.class) || c.isAssignableTo(NamedParameterJdbcOperations.class));

    private static final DescribedPredicate<JavaClass> DELEGATES_AND_CONTROLLERS = describe(
            "process delegates, listeners and controllers",
            c -> c.isAssignableTo(JavaDelegate.class) || c.isAssignableTo(TaskListener.class)
                    || c.isAssignableTo(ExecutionListener.class) || c.isAnnotatedWith(RestController.class)
                    || c.isAnnotatedWith(Controller.class));

    /** The registry is the lower layer: identity builds on it, never the other way round. */
    @Test
    void registryDoesNotDependOnIdentity() {
        noClasses()
                .that().resideInAPackage("org.gridcase.registry..")
                .should().dependOnClassesThat().resideInAPackage("org.gridcase.identity..").check(MAIN);
    }

    /**
     * The shared case mechanisms (case record, deadlines, escalation, survey, notifications, attachments) serve every
     * case kind:
     * none of them may know a kind (request today; risk, mediation, enforcement next).
     */
    @Test
    void sharedCaseMechanismsKnowNoCaseKind() {
        noClasses()
                .that().resideInAnyPackage("org.gridcase.casefile..", "org.gridcase.deadline..",
                        "org.gridcase.escalation..", "org.gridcase.survey..", "org.gridcase.notify..",
                        "org.gridcase.attachment..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gridcase.request..", "org.gridcase.risk..",
                        "org.gridcase.mediation..", "org.gridcase.enforcement..")
                .check(MAIN);
    }

    /** Notifications are the lowest shared mechanism: they know no case and no registry. */
    @Test
    void notifyKnowsNoOtherFeature() {
        noClasses()
                .that().resideInAPackage("org.gridcase.notify..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gridcase.casefile..",
                        "org.gridcase.registry..", "org.gridcase.identity..", "org.gridcase.escalation..",
                        "org.gridcase.survey..", "org.gridcase.request..")
                .check(MAIN);
    }

    /** support is shared by every feature and knows none of them. */
    @Test
    void supportDependsOnNoFeature() {
        noClasses()
                .that().resideInAPackage("org.gridcase.support..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gridcase.registry..", "org.gridcase.identity..")
                .check(MAIN);
    }

    /** Delegates are adapters and controllers call services: neither runs SQL. */
    @Test
    void delegatesAndControllersRunNoSql() {
        noClasses()
                .that(DELEGATES_AND_CONTROLLERS)
                .should().dependOnClassesThat(JDBC).check(MAIN);
    }

    /** The registry reaches its tables through repositories; only its change log uses plain JDBC. */
    @Test
    void onlyRegistryChangesUsesJdbcInTheRegistry() {
        noClasses()
                .that().resideInAPackage("org.gridcase.registry..")
                .and().doNotHaveFullyQualifiedName("org.gridcase.registry.RegistryChanges")
                .should().dependOnClassesThat(JDBC).check(MAIN);
    }

    /**
     * Services take values and answer values: only the process adapters (delegates, listeners and the
     * {@code *Delegates} holders of their shared helpers) see the engine's execution or task.
     */
    @Test
    void onlyProcessAdaptersSeeTheEngineExecution() {
        noClasses()
                .that(describe("not a process adapter", (JavaClass c) -> !c.isAssignableTo(JavaDelegate.class)
                        && !c.isAssignableTo(TaskListener.class) && !c.isAssignableTo(ExecutionListener.class)
                        && !c.isAssignableTo(DelegateVariableMapping.class)
                        && !c.getSimpleName().endsWith("Delegates")))
                .should().dependOnClassesThat().haveFullyQualifiedName(DelegateExecution.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(DelegateTask.class.getName())
                .check(MAIN);
    }

    /** One clock: every "now" comes from the engine's clock (BusinessClock), so tests move all of them at once. */
    @Test
    void everyNowComesFromTheBusinessClock() {
        noClasses()
                .that().doNotHaveFullyQualifiedName(BusinessClock.class.getName())
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(Clock.class, "system", ZoneId.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callConstructor(Date.class)
                .check(MAIN);
    }

    /** The control for the two JDBC rules: their predicate does see the one class that uses JdbcTemplate. */
    @Test
    void theJdbcPredicateSeesRegistryChanges() {
        classes()
                .that().haveFullyQualifiedName("org.gridcase.registry.RegistryChanges")
                .should().dependOnClassesThat(JDBC).check(MAIN);
    }
}
