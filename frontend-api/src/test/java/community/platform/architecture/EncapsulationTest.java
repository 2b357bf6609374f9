package community.platform.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * Aggregates, projections and message handlers are package-private: nothing outside their feature reaches into them,
 * it sends them messages (giftcard-demo's architecture test). Sagas are the exception Axon makes: it creates them
 * through a public constructor of a public class; their handlers are package-private. And {@code Rebuilds}, the
 * rebuild engine under every projection, is public for the replay benchmark and the tests that drive it.
 */
@AnalyzeClasses(packages = {"community.platform.command", "community.platform.query"},
                importOptions = ImportOption.DoNotIncludeTests.class)
class EncapsulationTest {

    private static final DescribedPredicate<JavaClass> HANDLE_MESSAGES = new DescribedPredicate<>(
            "handle commands, events or queries") {
        @Override
        public boolean test(JavaClass type) {
            return type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(CommandHandler.class)
                    || method.isAnnotatedWith(EventHandler.class) || method.isAnnotatedWith(QueryHandler.class))
                    || type.getConstructors().stream().anyMatch(c -> c.isAnnotatedWith(CommandHandler.class));
        }
    };

    @ArchTest
    static final ArchRule aggregatesArePackagePrivate = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should().notBePublic();

    @ArchTest
    static final ArchRule projectionsAndHandlersArePackagePrivate = classes()
            .that(HANDLE_MESSAGES).and().areNotAnnotatedWith(Saga.class)
            .and().doNotHaveFullyQualifiedName("community.platform.query.processing.Rebuilds")
            .should().notBePublic();

    @ArchTest
    static final ArchRule sagaHandlersArePackagePrivate = methods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(Saga.class)
            .and().areAnnotatedWith(SagaEventHandler.class)
            .should().notBePublic();
}
