package community.platform.api.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * How many segments a processor starts with when the settings do not say: one on the embedded store, four on a shared
 * MongoDB ({@code MONGODB_URI}). The embedded store lives in the instance's own process, so no other instance shares
 * its processors, and more segments of one processor only add work there: each segment takes its own batches, each
 * with a token write and the view writes of that batch. Several instances share a store only through
 * {@code MONGODB_URI}, and there segments are what they split between them.
 */
public final class OneInstanceSegments implements EnvironmentPostProcessor {

    static final String SETTING = "platform.processing.initial-segment-count";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Checked here, not left to precedence: Spring moves its default properties (SpringApplication's own) below
        // every other source after this runs, so a count given there would lose to this one.
        if (environment.getProperty("MONGODB_URI", "").isBlank() && !environment.containsProperty(SETTING)) {
            environment.getPropertySources().addLast(new MapPropertySource("embedded store: one instance",
                                                                           Map.of(SETTING, 1)));
        }
    }
}
