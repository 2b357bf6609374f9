package community.platform;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A setting given a value of the wrong kind, or a number out of its range, stops the start with a sentence naming the
 * setting, the value and what it takes: not "Application run failed" over a dozen nested causes.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadSettingTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "platform.views.catch-up-timeout    | soon  | a duration such as 10s, 500ms or 5m",
            "platform.processes.keep-associations | maybe | true or false",
            "platform.aggregates.kept-per-type  | many  | a whole number"})
    void aValueOfTheWrongKindIsNamedWithWhatTheSettingTakes(String setting, String value, String kind,
                                                             CapturedOutput output) {
        startRefusedWith(setting, value, output)
                .contains("The setting " + setting + " is \"" + value + "\", but it takes " + kind + ".")
                .contains("Give it a value of that kind, or leave it out to use its default");
    }

    /**
     * Axon refuses these below 1 (or 0 ms) in words of its own builders, naming no setting; a processor's own segment
     * count, read by name, is not a {@code @Value} that the report above could name (SegmentCountSettingsTest has the
     * rest of its cases).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "platform.processing.segments.volunteer-posts | 0   | It takes a whole number of 1 or more.",
            "platform.processing.segments.child-data-retention | abc | It takes a whole number of 1 or more.",
            "platform.processing.initial-segment-count     | -2  | It takes a whole number of 1 or more.",
            "platform.processing.batch-size                | 0   | It takes a whole number of 1 or more.",
            "platform.processing.token-claim-interval      | 0s  | It takes a duration of 1 ms or more.",
            "platform.processing.claim-timeout             | 2ms | It takes a duration of 3 ms or more.",
            "platform.processing.kept-documents            | -1  | It takes a whole number of 0 or more.",
            "platform.processes.post-duties-segments       | 0   | It takes a whole number of 1 or more."})
    void aValueOutOfRangeIsNamedWithWhatTheSettingTakes(String setting, String value, String takes,
                                                        CapturedOutput output) {
        startRefusedWith(setting, value, output)
                .containsPattern("Invalid value '[^']+' for configuration property '"
                                 + setting.replace(".", "\\.") + "'")
                .contains(takes);
    }

    /** The start's output, once a start with the setting has failed, and without a stack of causes. */
    private AbstractStringAssert<?> startRefusedWith(String setting, String value, CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0").run("--" + setting + "=" + value));
        return assertThat(output.getAll()).doesNotContain("Application run failed").doesNotContain("Caused by");
    }

    @Value("${platform.views.catch-up-timeout:10s}")
    Duration setting;

    @Value("#{T(java.time.Duration).parse('PT10S')}")
    Duration expression;

    /**
     * A mismatch that no plain setting names (no {@code @Value}, an expression) or that no converter could have taken
     * (a fault in the code) is left to Spring's own report, with its causes.
     */
    @Test
    void aMismatchNoSettingExplainsIsLeftToSpringsReport() throws NoSuchFieldException {
        SettingFailureAnalyzer analyzer = new SettingFailureAnalyzer();

        assertThat(analyzer.analyze(failed("setting", new TypeMismatchException("soon", Duration.class))))
                .isNotNull();
        assertThat(analyzer.analyze(new BeanCreationException("views", new TypeMismatchException("soon", Duration.class))))
                .isNull();
        assertThat(analyzer.analyze(failed("expression", new TypeMismatchException("soon", Duration.class)))).isNull();
        assertThat(analyzer.analyze(failed("setting", new ConversionNotSupportedException("soon", Duration.class, null))))
                .isNull();
    }

    private static Throwable failed(String field, TypeMismatchException mismatch) throws NoSuchFieldException {
        InjectionPoint point = new InjectionPoint(BadSettingTest.class.getDeclaredField(field));
        return new BeanCreationException("platform", new UnsatisfiedDependencyException(null, "views", point, mismatch));
    }
}
