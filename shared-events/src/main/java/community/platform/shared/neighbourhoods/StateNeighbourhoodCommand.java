package community.platform.shared.neighbourhoods;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A resident says which neighbourhood they live in (null: none), so the lists show its records first. */
public record StateNeighbourhoodCommand(@TargetAggregateIdentifier String username, String neighbourhoodId) {
}
