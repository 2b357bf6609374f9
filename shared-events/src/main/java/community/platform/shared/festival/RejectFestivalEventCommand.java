package community.platform.shared.festival;

import community.platform.shared.ErrorCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The venue refused the requested event. Changes nothing once the request is answered. */
public record RejectFestivalEventCommand(@TargetAggregateIdentifier String eventId, ErrorCode code, String detail,
                                         String subject) {
}
