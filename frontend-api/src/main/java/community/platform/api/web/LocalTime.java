package community.platform.api.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Times in answers carry the platform's zone, Asia/Shanghai (docs/api.md). */
public final class LocalTime {

    /** Beijing time, the platform's wall clock. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private LocalTime() {
    }

    /** A date and a wall-clock time in the platform's zone, as an instant. */
    public static Instant at(LocalDate date, java.time.LocalTime time) {
        return date.atTime(time).atZone(ZONE).toInstant();
    }

    /** Null stays null. */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }
}
