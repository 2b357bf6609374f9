package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Erases a child's data if its retention period is over at {@code now}; changes nothing otherwise, or when it was
 * erased already. Sent by every instance's retention check: the record decides, once.
 */
public record EraseExpiredChildDataCommand(@TargetAggregateIdentifier String retentionId, Instant now) {
}
