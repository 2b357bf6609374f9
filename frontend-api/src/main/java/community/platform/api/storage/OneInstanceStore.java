package community.platform.api.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the platform may assume when it runs its own embedded store: that it is the only instance on that store. The
 * embedded store lives in the instance's own process; several instances share a store only through
 * {@code MONGODB_URI}. Settings the operator gives always win. On the embedded store, unless they say otherwise:
 * <ul>
 * <li>a processor starts with one segment, not four: more segments of one processor only add work there, since each
 * segment takes its own batches, each with a token write and the view writes of that batch;</li>
 * <li>the processes keep what they found for an association in memory: every saga is made and changed by this
 * instance, so nothing it has not seen can be missing from what it kept. Not when the store listens on a port the
 * operator chose ({@code platform.store.port}, {@code PLATFORM_STORE_PORT}): other instances may then be pointed at
 * it, and a saga one of them made would be missing from what this one kept. By default the port is one the system
 * picks at each start.</li>
 * </ul>
 */
public final class OneInstanceStore implements EnvironmentPostProcessor {

    static final String SEGMENTS = "platform.processing.initial-segment-count";
    static final String KEPT_ASSOCIATIONS = "platform.processes.keep-associations";
    static final String STORE_PORT = "platform.store.port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("MONGODB_URI", "").isBlank()) {
            return;
        }
        // Checked here, not left to precedence: Spring moves its default properties (SpringApplication's own) below
        // every other source after this runs, so a value given there would lose to this one.
        Map<String, Object> assumed = new LinkedHashMap<>();
        assumed.put(SEGMENTS, 1);
        assumed.put(KEPT_ASSOCIATIONS, environment.getProperty(STORE_PORT, Integer.class, 0) == 0);
        assumed.keySet().removeIf(environment::containsProperty);
        environment.getPropertySources().addLast(new MapPropertySource("embedded store: one instance", assumed));
    }
}
