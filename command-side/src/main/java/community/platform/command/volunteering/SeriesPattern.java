package community.platform.command.volunteering;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import net.fortuna.ical4j.model.Recur;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The dates of a series, by ical4j's reading of an RFC 5545 recurrence rule ({@code FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8}):
 * from the first date, ending by a COUNT or an UNTIL date, at most {@value #MAX_OCCURRENCES} dates within two years,
 * the exceptions left out (they count toward COUNT, as EXDATEs do). A rule that cannot be read, has no end, ends
 * later than two years on, or gives no date is refused, never cut short.
 */
record SeriesPattern(String rrule, LocalDate firstDate, List<LocalDate> exceptions) {

    static final int MAX_OCCURRENCES = 104;
    /** Beijing time: the wall clock the times of a series are given in. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    List<LocalDate> dates() {
        Recur<LocalDate> recur;
        try {
            recur = new Recur<>(rrule.strip().replaceFirst("(?i)^RRULE:", ""));
        } catch (RuntimeException unreadable) {
            throw invalid("The recurrence rule cannot be read: " + unreadable.getMessage());
        }
        if (recur.getCount() < 1 && recur.getUntil() == null) {
            throw invalid("The recurrence rule needs an end: COUNT=n or UNTIL=yyyymmdd");
        }
        if (recur.getCount() > MAX_OCCURRENCES) {
            throw invalid("A series has at most " + MAX_OCCURRENCES + " dates, not " + recur.getCount());
        }
        LocalDate horizon = firstDate.plusYears(2);
        if (recur.getUntil() != null && recur.getUntil().isAfter(horizon)) {
            throw invalid("A series ends within two years of its first date, by " + horizon);
        }
        List<LocalDate> generated;
        try {
            generated = recur.getDates(firstDate, firstDate, horizon, MAX_OCCURRENCES + 1);
        } catch (RuntimeException unusable) {
            throw invalid("The recurrence rule gives no dates: " + unusable.getMessage());
        }
        if (generated.size() > MAX_OCCURRENCES) {
            throw invalid("A series has at most " + MAX_OCCURRENCES + " dates");
        }
        if (recur.getCount() > generated.size()) {
            throw invalid("The " + recur.getCount() + " dates do not fit within two years of the first date");
        }
        List<LocalDate> dates = generated.stream().filter(date -> !exceptions.contains(date)).toList();
        if (dates.isEmpty()) {
            throw invalid("The recurrence rule gives no date from " + firstDate + " on, once the exceptions are out");
        }
        return dates;
    }

    static void requireTimes(LocalTime startTime, LocalTime endTime) {
        if (!endTime.isAfter(startTime)) {
            throw invalid("A duty of the series ends (" + endTime + ") after it starts (" + startTime + ")");
        }
    }

    private static RuleViolatedException invalid(String detail) {
        return new RuleViolatedException(ErrorCode.INVALID_SERIES, detail);
    }
}
