package community.platform.api.storage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class OneInstanceStoreTest {

    private static MockEnvironment assumed(MockEnvironment environment) {
        new OneInstanceStore().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void onTheEmbeddedStoreAProcessorStartsWithOneSegmentAndProcessesKeepTheirAssociations() {
        for (MockEnvironment embedded : new MockEnvironment[] {
                assumed(new MockEnvironment()), assumed(new MockEnvironment().withProperty("MONGODB_URI", " "))}) {
            assertThat(embedded.getProperty(OneInstanceStore.SEGMENTS, Integer.class)).isEqualTo(1);
            assertThat(embedded.getProperty(OneInstanceStore.KEPT_ASSOCIATIONS, Boolean.class)).isTrue();
        }
    }

    @Test
    void anEmbeddedStoreOnAPortTheOperatorChoseMayBeSharedSoItsProcessesKeepNothing() {
        MockEnvironment reachable = assumed(new MockEnvironment().withProperty(OneInstanceStore.STORE_PORT, "27017"));
        assertThat(reachable.getProperty(OneInstanceStore.KEPT_ASSOCIATIONS, Boolean.class)).isFalse();
        assertThat(reachable.getProperty(OneInstanceStore.SEGMENTS, Integer.class)).isEqualTo(1);
    }

    @Test
    void onASharedMongoDbThePlatformAssumesNothing() {
        MockEnvironment shared = assumed(new MockEnvironment().withProperty("MONGODB_URI",
                                                                            "mongodb://db:27017/platform"));
        assertThat(shared.getProperty(OneInstanceStore.SEGMENTS)).isNull();
        assertThat(shared.getProperty(OneInstanceStore.KEPT_ASSOCIATIONS)).isNull();
    }

    @Test
    void whatTheOperatorSetsWins() {
        MockEnvironment set = assumed(new MockEnvironment().withProperty(OneInstanceStore.SEGMENTS, "3")
                                                           .withProperty(OneInstanceStore.KEPT_ASSOCIATIONS, "false"));
        assertThat(set.getProperty(OneInstanceStore.SEGMENTS, Integer.class)).isEqualTo(3);
        assertThat(set.getProperty(OneInstanceStore.KEPT_ASSOCIATIONS, Boolean.class)).isFalse();
    }
}
