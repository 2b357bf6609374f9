package community.platform.shared.neighbourhoods;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A resident stated the neighbourhood they live in, or (null) withdrew it. Where someone lives is theirs: the id is
 * stored encrypted under their key, and reads as erased once they are.
 */
@Revision("1")
public record NeighbourhoodStatedEvent(String username,
                                       @PersonalData(subject = "username") String neighbourhoodId) {
}
