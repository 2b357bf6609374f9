package community.platform.api.volunteering;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.shared.volunteering.SignUpOutcome;

/** {@code {status, waitlistPosition?}}: the position only for a place in the queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignUpResponse(SignUpOutcome.Status status, Integer waitlistPosition) {
}
