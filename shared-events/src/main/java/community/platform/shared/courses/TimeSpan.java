package community.platform.shared.courses;

import java.time.Instant;

/** A stretch of time; when two clash is the command side's overlap policy. */
public record TimeSpan(Instant startsAt, Instant endsAt) {
}
