package community.platform.api.storage;

import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

/**
 * A setting given a value of the wrong kind ({@code --platform.views.catch-up-timeout=soon}) ends the start with the
 * setting's name, the value and what it takes, instead of the chain of beans that needed it (registered in
 * {@code META-INF/spring.factories}).
 */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<TypeMismatchException> {

    private static final Map<Class<?>, String> KINDS = Map.of(
            Duration.class, "a duration such as 10s, 500ms or 5m",
            Period.class, "a period such as 30d or 1y",
            boolean.class, "true or false",
            int.class, "a whole number",
            long.class, "a whole number");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TypeMismatchException cause) {
        String setting = setting(rootFailure).orElse("A setting");
        String kind = cause.getRequiredType() == null ? "a value of another kind"
                : KINDS.getOrDefault(cause.getRequiredType(), "a " + cause.getRequiredType().getSimpleName());
        return new FailureAnalysis("%s is \"%s\", but it takes %s.".formatted(setting, cause.getValue(), kind),
                                   "Give it a value of that kind, or leave it out to use its default"
                                   + " (docs/settings-and-storage.md lists the settings).", cause);
    }

    /**
     * The setting named by the {@code @Value} injection point that failed ({@code platform.views.catch-up-timeout}):
     * the innermost one, since the beans that needed its bean fail around it.
     */
    private static Optional<String> setting(Throwable failure) {
        String named = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Value value = cause instanceof UnsatisfiedDependencyException unsatisfied
                          && unsatisfied.getInjectionPoint() != null
                    ? unsatisfied.getInjectionPoint().getAnnotation(Value.class) : null;
            if (value != null) {
                named = value.value().replaceAll("^\\$\\{([^:}]*).*$", "$1");
            }
        }
        return Optional.ofNullable(named).map(name -> "The setting " + name);
    }
}
