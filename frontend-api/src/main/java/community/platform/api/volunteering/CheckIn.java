package community.platform.api.volunteering;

import java.time.OffsetDateTime;

/** {@code POST /api/volunteer-posts/{id}/check-ins}: when the volunteer was marked as arrived. */
public record CheckIn(OffsetDateTime checkedInAt) {
}
