package community.platform.shared.neighbourhoods;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN appoints an organizer for a neighbourhood: they may publish and oversee records there. */
public record AppointOrganizerCommand(@TargetAggregateIdentifier String neighbourhoodId, String organizer) {
}
