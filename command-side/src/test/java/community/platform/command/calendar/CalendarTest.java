package community.platform.command.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static community.platform.command.calendar.OverlapPolicy.oneAtATime;
import static org.assertj.core.api.Assertions.assertThat;

class CalendarTest {

    private static final Instant NINE = Instant.parse("2027-02-08T01:00:00Z");
    private static final Instant TEN = NINE.plusSeconds(3600);
    private static final Instant ELEVEN = TEN.plusSeconds(3600);
    private static final Instant NOON = ELEVEN.plusSeconds(3600);

    private static List<TimeSlot> slot(Instant from, Instant to) {
        return List.of(new TimeSlot(from, to));
    }

    private final Calendar calendar = Calendar.empty().hold("fe-1", "Workshop", slot(TEN, ELEVEN));

    @Test
    void oneAtATimeRefusesASpanThatStartsBeforeTheHeldOneEndsAndEndsAfterItStarts() {
        assertThat(calendar.clashFor("fe-2", slot(NINE, TEN.plusSeconds(1)), oneAtATime))
                .contains(new Calendar.Clash("fe-1", "Workshop", new TimeSlot(TEN, ELEVEN)));
        assertThat(calendar.clashFor("fe-2", slot(TEN.plusSeconds(60), ELEVEN.minusSeconds(60)), oneAtATime))
                .isPresent();
        assertThat(calendar.clashFor("fe-2", slot(NINE, NOON), oneAtATime)).isPresent();
    }

    @Test
    void backToBackSpansDoNotClash() {
        assertThat(calendar.clashFor("fe-2", slot(NINE, TEN), oneAtATime)).isEmpty();
        assertThat(calendar.clashFor("fe-2", slot(ELEVEN, NOON), oneAtATime)).isEmpty();
    }

    @Test
    void aHolderIsCheckedAgainstTheOthersOnlySoItCanMove() {
        assertThat(calendar.clashFor("fe-1", slot(TEN.plusSeconds(1800), NOON), oneAtATime)).isEmpty();
    }

    @Test
    void everySpanOfAHolderCounts() {
        Calendar course = Calendar.empty().hold("course-1", "Paper cutting",
                                                List.of(new TimeSlot(NINE, TEN), new TimeSlot(ELEVEN, NOON)));
        assertThat(course.clashFor("course-2", slot(ELEVEN.plusSeconds(60), NOON.plusSeconds(60)), oneAtATime))
                .map(Calendar.Clash::held).contains(new TimeSlot(ELEVEN, NOON));
        assertThat(course.clashFor("course-2", List.of(new TimeSlot(TEN, ELEVEN)), oneAtATime)).isEmpty();
    }

    @Test
    void holdingMovingAndReleasingGiveNewCalendarsAndLeaveTheOldOneAsItWas() {
        Calendar moved = calendar.move("fe-1", slot(ELEVEN, NOON));
        assertThat(moved.holds("fe-1", slot(ELEVEN, NOON))).isTrue();
        assertThat(moved.heldBy("fe-1")).map(Calendar.Held::title).contains("Workshop");
        assertThat(calendar.holds("fe-1", slot(TEN, ELEVEN))).isTrue();
        assertThat(calendar.move("fe-9", slot(ELEVEN, NOON))).isSameAs(calendar);
        Calendar released = calendar.release("fe-1");
        assertThat(released.heldBy("fe-1")).isEmpty();
        assertThat(released.clashFor("fe-2", slot(TEN, ELEVEN), oneAtATime)).isEmpty();
        assertThat(released.release("fe-1")).isSameAs(released);
    }
}
