package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks a child's schedule which enrollment holds its time in each course: a map of course id to enrollment id. */
public record ListHeldEnrollmentsCommand(@TargetAggregateIdentifier String scheduleId) {
}
