package community.platform.command.volunteering;

import community.platform.command.neighbourhoods.TestNeighbourhoods;
import community.platform.shared.ErrorCode;
import community.platform.shared.volunteering.PostSeriesPublishedEvent.Occurrence;
import community.platform.shared.volunteering.PostSeriesPublishedEvent;
import community.platform.shared.volunteering.PublishPostSeriesCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static community.platform.command.handling.Violations.violationOf;

/** A weekly duty roster: its dates from a recurrence rule, each a post to be; the rules it is refused by. */
class PostSeriesTest {

    private static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");
    /** A Saturday. */
    private static final LocalDate FIRST = LocalDate.of(2027, 2, 6);
    private static final String DONGHU = "nb-donghu";

    private AggregateTestFixture<PostSeries> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(PostSeries.class);
        fixture.registerInjectableResource(TestNeighbourhoods.policy(DONGHU, "zhang"));
        fixture.givenCurrentTime(NOW);
    }

    private static PublishPostSeriesCommand series(String organizer, String rrule, List<LocalDate> exceptions) {
        return new PublishPostSeriesCommand("series-1", organizer, "Health safeguarding duty", "Temperature checks",
                                            "health safeguarding", "Clinic", 4, DONGHU, LocalTime.of(9, 0),
                                            LocalTime.of(11, 30), rrule, FIRST, exceptions);
    }

    /** 09:00 to 11:30 Beijing time on the date: 01:00 to 03:30 UTC. */
    private static Occurrence on(int n, LocalDate date) {
        return new Occurrence("post-series-1-" + n, Instant.parse(date + "T01:00:00Z"),
                              Instant.parse(date + "T03:30:00Z"));
    }

    @Test
    void aWeeklyRuleGivesAPostForEachDateButTheExceptions() {
        String rule = "FREQ=WEEKLY;BYDAY=SA,SU;COUNT=5";
        fixture.givenNoPriorActivity()
               .when(series("zhang", rule, List.of(LocalDate.of(2027, 2, 13))))
               .expectEvents(new PostSeriesPublishedEvent(
                       "series-1", "zhang", "Health safeguarding duty", "Temperature checks", "health safeguarding",
                       "Clinic", 4, DONGHU, rule,
                       List.of(on(1, FIRST), on(2, FIRST.plusDays(1)), on(3, FIRST.plusDays(8)),
                               on(4, FIRST.plusDays(14)))));
    }

    @Test
    void anUntilDateEndsTheSeriesAndAnRrulePrefixIsAccepted() {
        String rule = "RRULE:FREQ=WEEKLY;UNTIL=20270220";
        fixture.givenNoPriorActivity()
               .when(series("zhang", rule, List.of()))
               .expectEvents(new PostSeriesPublishedEvent(
                       "series-1", "zhang", "Health safeguarding duty", "Temperature checks", "health safeguarding",
                       "Clinic", 4, DONGHU, rule,
                       List.of(on(1, FIRST), on(2, FIRST.plusDays(7)), on(3, FIRST.plusDays(14)))));
    }

    @Test
    void aRuleThatCannotBeReadOrNeverEndsOrGivesTooManyOrNoDatesIsRefused() {
        for (String rule : List.of("FREQ=SOMETIMES;COUNT=3", "not a rule", "FREQ=WEEKLY", "FREQ=DAILY;COUNT=105",
                                   "FREQ=DAILY;UNTIL=20300101", "FREQ=MONTHLY;COUNT=30",
                                   "FREQ=WEEKLY;UNTIL=20290301")) {
            fixture.givenNoPriorActivity().when(series("zhang", rule, List.of()))
                   .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SERIES));
        }
        fixture.givenNoPriorActivity().when(series("zhang", "FREQ=WEEKLY;COUNT=1", List.of(FIRST)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SERIES));
    }

    @Test
    void timesCapacityTheStartAndTheNeighbourhoodAreChecked() {
        PublishPostSeriesCommand ok = series("zhang", "FREQ=WEEKLY;COUNT=2", List.of());
        fixture.givenNoPriorActivity()
               .when(new PublishPostSeriesCommand("series-1", "zhang", ok.title(), ok.description(), ok.team(),
                                                  ok.location(), 4, DONGHU, LocalTime.of(11, 0), LocalTime.of(9, 0),
                                                  ok.rrule(), FIRST, List.of()))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SERIES));
        fixture.givenNoPriorActivity()
               .when(new PublishPostSeriesCommand("series-1", "zhang", ok.title(), ok.description(), ok.team(),
                                                  ok.location(), 0, DONGHU, ok.startTime(), ok.endTime(), ok.rrule(),
                                                  FIRST, List.of()))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_CAPACITY));
        fixture.givenNoPriorActivity()
               .when(new PublishPostSeriesCommand("series-1", "zhang", ok.title(), ok.description(), ok.team(),
                                                  ok.location(), 4, DONGHU, ok.startTime(), ok.endTime(), ok.rrule(),
                                                  LocalDate.of(2027, 1, 30), List.of()))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
        fixture.givenNoPriorActivity().when(series("li", "FREQ=WEEKLY;COUNT=2", List.of()))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_YOUR_NEIGHBOURHOOD));
    }
}
