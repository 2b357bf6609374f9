package community.platform;

import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting given a value of the wrong kind ({@code --platform.views.catch-up-timeout=soon}) ends the start with the
 * setting's name, the value and what it takes, instead of the chain of beans that needed it (registered in
 * {@code META-INF/spring.factories}). Any other type mismatch (a {@code @Value} that is not one plain setting, a type no
 * converter knows: a fault in the code, not in a setting) is left to Spring's own report, with its stack trace.
 */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<TypeMismatchException> {

    private static final Map<Class<?>, String> KINDS = Map.of(
            Duration.class, "a duration such as 10s, 500ms or 5m",
            Period.class, "a period such as 30d or 1y",
            boolean.class, "true or false", Boolean.class, "true or false",
            int.class, "a whole number", Integer.class, "a whole number",
            long.class, "a whole number", Long.class, "a whole number");
    /** {@code ${platform.views.catch-up-timeout:10s}}: one setting, with or without a plain default. */
    private static final Pattern ONE_SETTING = Pattern.compile("\\$\\{([^:${}#]+)(:[^${}#]*)?}");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TypeMismatchException cause) {
        if (cause instanceof ConversionNotSupportedException) {
            return null;
        }
        return setting(rootFailure).map(setting -> new FailureAnalysis(
                "The setting %s is \"%s\", but it takes %s.".formatted(setting, cause.getValue(), kind(cause)),
                "Give it a value of that kind, or leave it out to use its default"
                + " (docs/settings-and-storage.md lists the settings).", cause)).orElse(null);
    }

    private static String kind(TypeMismatchException cause) {
        Class<?> type = cause.getRequiredType();
        return type == null ? "a value of another kind" : KINDS.getOrDefault(type, "a value of type " + type.getName());
    }

    /**
     * The setting named by the {@code @Value} injection point that failed ({@code platform.views.catch-up-timeout}):
     * the innermost one, since the beans that needed its bean fail around it. Empty if that is not one plain setting.
     */
    private static Optional<String> setting(Throwable failure) {
        Value value = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsatisfiedDependencyException unsatisfied && unsatisfied.getInjectionPoint() != null) {
                value = unsatisfied.getInjectionPoint().getAnnotation(Value.class);
            }
        }
        return Optional.ofNullable(value).map(named -> ONE_SETTING.matcher(named.value())).filter(Matcher::matches)
                       .map(plain -> plain.group(1));
    }
}
