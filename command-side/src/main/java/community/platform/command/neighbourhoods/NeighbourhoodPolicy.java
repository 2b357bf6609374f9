package community.platform.command.neighbourhoods;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Where an organizer may publish: in a neighbourhood they were appointed to, or in the default one, where every
 * organizer acts (all records made before there were neighbourhoods live there, and so does everything on a platform
 * that has none). Asked by the post, the event and the course as they are made, in the same unit of work, from the
 * neighbourhood's own events.
 */
public class NeighbourhoodPolicy {

    private final Repository<Neighbourhood> neighbourhoods;

    NeighbourhoodPolicy(Repository<Neighbourhood> neighbourhoods) {
        this.neighbourhoods = neighbourhoods;
    }

    public void requireAppointed(String neighbourhoodId, String organizer) {
        if (Neighbourhoods.DEFAULT.equals(neighbourhoodId)) {
            return;
        }
        if (!existing(neighbourhoodId).invoke(neighbourhood -> neighbourhood.appointed(organizer))) {
            throw new RuleViolatedException(ErrorCode.NOT_YOUR_NEIGHBOURHOOD,
                                            organizer + " was not appointed to neighbourhood " + neighbourhoodId
                                                    + ": an ADMIN appoints organizers there");
        }
    }

    /** The neighbourhood is one of the sub-district's (the default one included). */
    public void requireExists(String neighbourhoodId) {
        existing(neighbourhoodId);
    }

    private Aggregate<Neighbourhood> existing(String neighbourhoodId) {
        try {
            return neighbourhoods.load(neighbourhoodId);
        } catch (AggregateNotFoundException missing) {
            throw new RuleViolatedException(ErrorCode.NEIGHBOURHOOD_NOT_FOUND,
                                            "There is no neighbourhood " + neighbourhoodId);
        }
    }
}
