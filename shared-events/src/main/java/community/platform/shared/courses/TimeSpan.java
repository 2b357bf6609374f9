package community.platform.shared.courses;

import java.time.Instant;

/** A stretch of time; two spans overlap when each starts before the other ends (touching ends do not). */
public record TimeSpan(Instant startsAt, Instant endsAt) {

    public boolean overlaps(TimeSpan other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
