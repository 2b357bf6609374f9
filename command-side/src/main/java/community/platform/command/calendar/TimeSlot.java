package community.platform.command.calendar;

import community.platform.shared.courses.TimeSpan;

import java.time.Instant;

/** A span of time from its start up to, not including, its end. */
public record TimeSlot(Instant startsAt, Instant endsAt) {

    /** A course session's span, as the published language carries it. */
    public static TimeSlot of(TimeSpan span) {
        return new TimeSlot(span.startsAt(), span.endsAt());
    }
}
