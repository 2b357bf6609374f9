package community.platform.api.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Times in answers carry the platform's zone, Asia/Shanghai (../shared/API.md). */
public final class LocalTime {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private LocalTime() {
    }

    /** Null stays null. */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }
}
