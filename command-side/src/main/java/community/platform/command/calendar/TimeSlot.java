package community.platform.command.calendar;

import java.time.Instant;

/** A span of time from its start up to, not including, its end. */
public record TimeSlot(Instant startsAt, Instant endsAt) {
}
