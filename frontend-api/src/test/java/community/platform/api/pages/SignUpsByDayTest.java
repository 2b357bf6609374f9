package community.platform.api.pages;

import community.platform.shared.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A post's sign-ups per Beijing day, from its history: waiting-list places count, other events do not. */
class SignUpsByDayTest {

    private static AuditEvent event(String type, String at) {
        return new AuditEvent("post-1", 0, 0L, type, Instant.parse(at), "someone", Map.of(), Map.of());
    }

    @Test
    void daysWithoutSignUpsShowAsZeroAndOnlyTheLatest31DaysAreShown() {
        List<AuditEvent> history = List.of(
                event("VolunteerPostPublishedEvent", "2026-10-01T01:00:00Z"),
                event("VolunteerSignedUpEvent", "2026-10-01T02:00:00Z"),
                event("VolunteerSignedUpEvent", "2026-11-20T15:59:00Z"),    // 23:59 in Beijing: 11-20
                event("VolunteerSignedUpEvent", "2026-11-20T16:00:00Z"),    // 00:00 in Beijing: 11-21
                event("VolunteerWaitlistedEvent", "2026-11-22T03:00:00Z"),
                event("SignUpWithdrawnEvent", "2026-11-22T04:00:00Z"));

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
        assertThat(OrganizerPages.signUpsByDay(List.of(event("VolunteerPostPublishedEvent", "2026-10-01T01:00:00Z")))
                                 .bars()).isEmpty();
    }
}
