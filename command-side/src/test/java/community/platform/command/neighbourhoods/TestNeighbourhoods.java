package community.platform.command.neighbourhoods;

import community.platform.shared.neighbourhoods.NeighbourhoodCreatedEvent;
import community.platform.shared.neighbourhoods.OrganizerAppointedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.util.List;

/**
 * For aggregate tests elsewhere: the policy over a real repository of neighbourhoods, in memory, holding one
 * neighbourhood with the organizers given.
 */
public final class TestNeighbourhoods {

    private TestNeighbourhoods() {
    }

    public static NeighbourhoodPolicy policy(String neighbourhoodId, String... organizers) {
        EventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        long sequence = 0;
        events.publish(new GenericDomainEventMessage<>("Neighbourhood", neighbourhoodId, sequence++,
                                                       new NeighbourhoodCreatedEvent(neighbourhoodId, "Donghu",
                                                                                     List.of())));
        for (String organizer : organizers) {
            events.publish(new GenericDomainEventMessage<>("Neighbourhood", neighbourhoodId, sequence++,
                                                           new OrganizerAppointedEvent(neighbourhoodId, organizer)));
        }
        return new NeighbourhoodPolicy(EventSourcingRepository.builder(Neighbourhood.class).eventStore(events)
                                                              .build());
    }
}
