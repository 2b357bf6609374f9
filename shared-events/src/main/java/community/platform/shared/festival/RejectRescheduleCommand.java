package community.platform.shared.festival;

import community.platform.shared.ErrorCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The move was refused. Changes nothing once the request is answered. */
public record RejectRescheduleCommand(@TargetAggregateIdentifier String eventId, int request, ErrorCode code,
                                      String detail, String subject) {
}
