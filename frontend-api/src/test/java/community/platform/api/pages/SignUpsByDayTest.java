package community.platform.api.pages;

import community.platform.shared.volunteering.SignUpsPerDay;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A post's sign-ups per Beijing day as a chart. Which events count, and on which day, is the sign-ups view's
 * ({@code SignUpsPerDayProjectionTest}).
 */
class SignUpsByDayTest {

    private static SignUpsPerDay.Day day(String day, long signUps) {
        return new SignUpsPerDay.Day(LocalDate.parse(day), signUps);
    }

    @Test
    void daysWithoutSignUpsShowAsZeroAndOnlyTheLatest31DaysAreShown() {
        SignUpsPerDay history = new SignUpsPerDay("post-1", List.of(
                day("2026-10-01", 1), day("2026-11-20", 1), day("2026-11-21", 1), day("2026-11-22", 1)));

        BarChart chart = OrganizerPages.signUpsByDay(history);

        assertThat(chart.bars()).hasSize(31);
        assertThat(chart.bars().get(0).label()).isEqualTo("10-23");
        assertThat(chart.bars().subList(28, 31)).extracting(BarChart.Bar::label, bar -> bar.value().intValue())
                                               .containsExactly(org.assertj.core.groups.Tuple.tuple("11-20", 1),
                                                                org.assertj.core.groups.Tuple.tuple("11-21", 1),
                                                                org.assertj.core.groups.Tuple.tuple("11-22", 1));
        assertThat(chart.bars().subList(0, 28)).allMatch(bar -> bar.value().signum() == 0);
        // 31 bars are too narrow to write every day under them, or the counts over them
        assertThat(chart.bars()).filteredOn(BarChart.Bar::labelled).extracting(BarChart.Bar::label)
                                .containsExactly("10-23", "10-27", "10-31", "11-04", "11-08", "11-12", "11-16", "11-20");
        assertThat(chart.bars()).noneMatch(BarChart.Bar::valued);
    }

    @Test
    void aPostWithoutSignUpsHasNoChart() {
        assertThat(OrganizerPages.signUpsByDay(new SignUpsPerDay("post-1", List.of())).bars()).isEmpty();
    }
}
