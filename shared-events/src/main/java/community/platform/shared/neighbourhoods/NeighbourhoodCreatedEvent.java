package community.platform.shared.neighbourhoods;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A neighbourhood committee of the sub-district, with its residential areas in the order given. */
@Revision("1")
public record NeighbourhoodCreatedEvent(String neighbourhoodId, String neighbourhoodName, List<String> areas) {
}
