package community.platform.shared.neighbourhoods;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** An ADMIN adds a neighbourhood committee (居委会) to the sub-district, with its residential areas. */
public record CreateNeighbourhoodCommand(@TargetAggregateIdentifier String neighbourhoodId, String name,
                                         List<String> areas) {
}
