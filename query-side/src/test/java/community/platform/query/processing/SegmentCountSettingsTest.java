package community.platform.query.processing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A processor's segment count: its own setting, else the platform's, else 4; read as Spring reads numbers. */
class SegmentCountSettingsTest {

    private static final String OWN = "platform.processing.segments.volunteer-posts";
    private static final String ALL = "platform.processing.initial-segment-count";

    @Test
    void itsOwnSettingWinsThenThePlatformsThenFour() {
        assertThat(ProcessingConfiguration.initialSegmentCount(new MockEnvironment(), "volunteer-posts")).isEqualTo(4);
        assertThat(ProcessingConfiguration.initialSegmentCount(new MockEnvironment().withProperty(ALL, "2"),
                                                               "volunteer-posts")).isEqualTo(2);
        assertThat(ProcessingConfiguration.initialSegmentCount(new MockEnvironment().withProperty(ALL, "2")
                                                                                    .withProperty(OWN, "0x10"),
                                                               "volunteer-posts")).isEqualTo(16);
    }

    /** As an empty environment variable gives it ({@code PLATFORM_PROCESSING_SEGMENTS_...=}). */
    @Test
    void aBlankSettingIsNotSet() {
        assertThat(ProcessingConfiguration.initialSegmentCount(new MockEnvironment().withProperty(OWN, "")
                                                                                    .withProperty(ALL, "3"),
                                                               "volunteer-posts")).isEqualTo(3);
    }

    @Test
    void aCountBelowOneOrNotANumberIsRefusedByName() {
        for (String value : new String[]{"0", "-1", "abc", "3000000000"}) {
            assertThatThrownBy(() -> ProcessingConfiguration.initialSegmentCount(
                    new MockEnvironment().withProperty(OWN, value), "volunteer-posts"))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining(OWN).hasMessageContaining("'" + value + "'")
                    .hasMessageContaining("It takes a whole number of 1 or more.");
        }
        assertThatThrownBy(() -> ProcessingConfiguration.initialSegmentCount(
                new MockEnvironment().withProperty(ALL, "0"), "volunteer-posts")).hasMessageContaining(ALL);
    }
}
