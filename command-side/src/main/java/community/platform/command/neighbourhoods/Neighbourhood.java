package community.platform.command.neighbourhoods;

import community.platform.shared.neighbourhoods.AppointOrganizerCommand;
import community.platform.shared.neighbourhoods.CreateNeighbourhoodCommand;
import community.platform.shared.neighbourhoods.NeighbourhoodCreatedEvent;
import community.platform.shared.neighbourhoods.OrganizerAppointedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A neighbourhood committee of the sub-district, with its residential areas and the organizers appointed there. Its id
 * follows from its name ({@link community.platform.shared.neighbourhoods.Neighbourhoods#idOf}), so a name is taken
 * once.
 */
@Aggregate
class Neighbourhood {

    @AggregateIdentifier
    private String neighbourhoodId;
    private final Set<String> organizers = new HashSet<>();

    @CommandHandler
    Neighbourhood(CreateNeighbourhoodCommand command) {
        apply(new NeighbourhoodCreatedEvent(command.neighbourhoodId(), command.name().strip(),
                                            command.areas().stream().map(String::strip).distinct().toList()));
    }

    /** Appointing someone twice changes nothing. */
    @CommandHandler
    void handle(AppointOrganizerCommand command) {
        if (!organizers.contains(command.organizer())) {
            apply(new OrganizerAppointedEvent(neighbourhoodId, command.organizer()));
        }
    }

    /** Whether the organizer was appointed here: only they publish and oversee records of this neighbourhood. */
    boolean appointed(String organizer) {
        return organizers.contains(organizer);
    }

    @EventSourcingHandler
    void on(NeighbourhoodCreatedEvent event) {
        neighbourhoodId = event.neighbourhoodId();
    }

    @EventSourcingHandler
    void on(OrganizerAppointedEvent event) {
        organizers.add(event.organizer());
    }

    Neighbourhood() {
        // required by Axon
    }
}
