package community.platform.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The CQRS split and the published language, checked over all four modules (ARCHITECTURE.md). */
@AnalyzeClasses(packages = "community.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule querySideNeverSeesCommandSide = noClasses()
            .that().resideInAPackage("community.platform.query..")
            .should().dependOnClassesThat().resideInAPackage("community.platform.command..");

    @ArchTest
    static final ArchRule commandSideNeverSeesQuerySide = noClasses()
            .that().resideInAPackage("community.platform.command..")
            .should().dependOnClassesThat().resideInAPackage("community.platform.query..");

    @ArchTest
    static final ArchRule theApiSeesNeitherSide = noClasses()
            .that().resideInAPackage("community.platform.api..")
            .should().dependOnClassesThat().resideInAnyPackage("community.platform.command..",
                                                               "community.platform.query..");

    @ArchTest
    static final ArchRule sharedEventsAreFreeOfSpringAndMongo = noClasses()
            .that().resideInAPackage("community.platform.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                                                               "org.bson..", "reactor..")
            .allowEmptyShould(true);

    /** The aggregates and their rules; the event store and the Spring configuration classes are wiring. */
    @ArchTest
    static final ArchRule theCommandModelIsPlainJavaAndAxon = noClasses()
            .that().resideInAPackage("community.platform.command..")
            .and().resideOutsideOfPackage("community.platform.command.eventstore..")
            .and().areNotAnnotatedWith(org.springframework.context.annotation.Configuration.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                                                               "org.bson..", "reactor..")
            .allowEmptyShould(true);
}
