package community.platform.api.storage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class OneInstanceSegmentsTest {

    private static Integer segments(MockEnvironment environment) {
        new OneInstanceSegments().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(OneInstanceSegments.SETTING, Integer.class);
    }

    @Test
    void onTheEmbeddedStoreAProcessorStartsWithOneSegment() {
        assertThat(segments(new MockEnvironment())).isEqualTo(1);
        assertThat(segments(new MockEnvironment().withProperty("MONGODB_URI", " "))).isEqualTo(1);
    }

    @Test
    void onASharedMongoDbThePlatformLeavesTheCountToItsDefault() {
        assertThat(segments(new MockEnvironment().withProperty("MONGODB_URI", "mongodb://db:27017/platform")))
                .isNull();
    }

    @Test
    void aCountSetByTheOperatorWins() {
        assertThat(segments(new MockEnvironment().withProperty(OneInstanceSegments.SETTING, "3"))).isEqualTo(3);
    }
}
