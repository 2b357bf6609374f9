package community.platform.shared.festival;

import community.platform.shared.ErrorCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The venue refused the event. Changes nothing for an event turned down or cancelled already. */
public record RejectFestivalEventCommand(@TargetAggregateIdentifier String eventId, ErrorCode code, String detail,
                                         String subject) {
}
