package community.platform.query.notices;

import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.festival.FestivalEventRescheduledEvent;
import community.platform.shared.festival.RegistrantPromotedEvent;
import community.platform.shared.festival.ResidentWaitlistedEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerCheckedInEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What notice each feature's events give, and to whom, without any store. */
class NoticeRulesTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");
    private static final List<String> MEMBERS = List.of("lihua", "wang");

    @Test
    void aPostNamesItselfMembersComeAndGoAndACheckInTellsNobody() {
        assertThat(VolunteeringNoticeRules.of(new VolunteerPostPublishedEvent(
                "post-1", "zhang", "Park clean-up", "", "green", "Park", STARTS, STARTS.plusSeconds(7200), 2, null,
                List.of()), null)).isEqualTo(Change.named("Park clean-up"));
        assertThat(VolunteeringNoticeRules.of(new SignUpWithdrawnEvent("post-1", "wang", true), "Park clean-up"))
                .isEqualTo(Change.leaves("wang"));
        Change checkIn = VolunteeringNoticeRules.of(new VolunteerCheckedInEvent("post-1", "wang", STARTS), "Park");
        assertThat(checkIn.recipients(MEMBERS)).isEmpty();
    }

    @Test
    void aVolunteerMovedUpIsToldAloneAndAMoveTellsEveryoneInBeijingTime() {
        Change promoted = VolunteeringNoticeRules.of(new VolunteerPromotedEvent("post-1", "zhao", 2, 1, 1), "Park");
        assertThat(promoted.recipients(MEMBERS)).containsExactly("zhao");
        assertThat(promoted.told().kind()).isEqualTo("seat");

        Change moved = VolunteeringNoticeRules.of(new VolunteerPostRescheduledEvent(
                "post-1", STARTS, STARTS.plusSeconds(7200), STARTS.plus(Duration.ofDays(1)),
                STARTS.plus(Duration.ofDays(1)).plusSeconds(7200), " "), "Park");
        assertThat(moved.recipients(MEMBERS)).isEqualTo(MEMBERS);
        assertThat(moved.told().args()).containsEntry("to", "2027-01-21 15:30–2027-01-21 17:30")
                                       .doesNotContainKeys("reason", "venue");
    }

    @Test
    void aFestivalEventMovedToAnotherVenueNamesItAndAResidentMovedUpHearsOfTheirPlace() {
        assertThat(FestivalNoticeRules.of(new ResidentWaitlistedEvent("fe-1", "wang", "Wang", 1, 1, 1), "Couplets"))
                .isEqualTo(Change.joins("wang"));
        Change moved = FestivalNoticeRules.of(new FestivalEventRescheduledEvent(
                "fe-1", "Hall", STARTS, STARTS.plusSeconds(3600), "Library", STARTS, STARTS.plusSeconds(3600),
                "flooded"), "Couplets");
        assertThat(moved.told().body()).contains("now at Library", "Reason: flooded");
        assertThat(moved.told().args()).containsEntry("venue", "Library");
        Change sameHall = FestivalNoticeRules.of(new FestivalEventRescheduledEvent(
                "fe-1", "Hall", STARTS, STARTS.plusSeconds(3600), "Hall", STARTS.plusSeconds(60),
                STARTS.plusSeconds(3660), null), "Couplets");
        assertThat(sameHall.told().args()).doesNotContainKey("venue");
        assertThat(FestivalNoticeRules.of(new RegistrantPromotedEvent("fe-1", "wang", 1, 0, 1), "Couplets")
                                      .told().subject()).isEqualTo("You have a place: Couplets");
    }

    @Test
    void aGuardianHearsOfACancelledSessionWithItsTimeAndOfTheirChildsSeat() {
        CourseSession second = new CourseSession(2, STARTS.plus(Duration.ofDays(7)),
                                                 STARTS.plus(Duration.ofDays(7)).plusSeconds(5400), "Room 2");
        Change cancelled = CourseNoticeRules.of(new CourseSessionCancelledEvent("course-1", second, "holiday"),
                                                "Paper cutting");
        assertThat(cancelled.told().subject())
                .isEqualTo("Cancelled: Paper cutting, session 2 (2027-01-27 15:30, Beijing time)");
        assertThat(cancelled.told().args()).containsEntry("when", "2027-01-27 15:30").containsEntry("session", "2");

        Change seat = CourseNoticeRules.of(new EnrollmentPromotedEvent("course-1", "e-2", "wang", 1, 0, 1),
                                           "Paper cutting");
        assertThat(seat.recipients(MEMBERS)).containsExactly("wang");
        assertThat(seat.told().args()).containsEntry("enrollment", "e-2");
    }
}
