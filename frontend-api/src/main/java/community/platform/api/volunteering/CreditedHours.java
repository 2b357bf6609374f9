package community.platform.api.volunteering;

import java.math.BigDecimal;

/** {@code POST /api/volunteer-posts/{id}/attendance}: the hours the attendance credits. */
public record CreditedHours(BigDecimal hours) {
}
