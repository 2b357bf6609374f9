package community.platform.command.courses;

import org.junit.jupiter.api.Test;

import static community.platform.command.courses.CompletionPolicy.ATTENDED_EIGHTY_PERCENT;
import static org.assertj.core.api.Assertions.assertThat;

class CompletionPolicyTest {

    @Test
    void attendingEightyPercentOfTheSessionsHeldCompletes() {
        assertThat(ATTENDED_EIGHTY_PERCENT.completes(4, 5)).isTrue();
        assertThat(ATTENDED_EIGHTY_PERCENT.completes(8, 10)).isTrue();
        assertThat(ATTENDED_EIGHTY_PERCENT.completes(5, 5)).isTrue();
    }

    @Test
    void anyLessDoesNot() {
        assertThat(ATTENDED_EIGHTY_PERCENT.completes(3, 5)).isFalse();
        assertThat(ATTENDED_EIGHTY_PERCENT.completes(31, 39)).isFalse();
    }

    @Test
    void withNoSessionHeldNobodyCompletes() {
        assertThat(ATTENDED_EIGHTY_PERCENT.completes(0, 0)).isFalse();
    }
}
