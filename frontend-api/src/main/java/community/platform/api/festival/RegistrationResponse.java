package community.platform.api.festival;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.shared.festival.RegistrationOutcome;

/** {@code POST /api/festival-events/{id}/registrations}: a place, or a place in the queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationResponse(RegistrationOutcome.Status status, Integer waitlistPosition) {
}
