package community.platform.api.volunteering;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.shared.volunteering.VolunteerRoster;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A confirmed volunteer on the roster; attendance fields appear once recorded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RosterEntry(String username, String displayName, OffsetDateTime signedUpAt, OffsetDateTime checkedInAt,
                   OffsetDateTime checkedOutAt, BigDecimal hours) {

    static RosterEntry of(VolunteerRoster.Confirmed seat) {
        return new RosterEntry(seat.username(), seat.displayName(), PostResponse.local(seat.signedUpAt()),
                               PostResponse.local(seat.checkedInAt()), PostResponse.local(seat.checkedOutAt()),
                               seat.minutes() == null ? null : Hours.of(seat.minutes()));
    }
}
