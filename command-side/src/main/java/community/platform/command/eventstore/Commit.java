package community.platform.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

import java.util.List;

/**
 * What one unit of work appends: events of one aggregate with consecutive sequence numbers. Events published without
 * an aggregate form a stream of their own, named after the first event. A unit of work that touches two aggregates is
 * refused: one command changes one aggregate, which is what lets a commit be one document.
 */
record Commit(String stream, String aggregateType, long firstSequence, long lastSequence) {

    static Commit of(List<? extends EventMessage<?>> events) {
        EventMessage<?> first = events.get(0);
        if (!(first instanceof DomainEventMessage<?> domainFirst)) {
            if (events.stream().anyMatch(DomainEventMessage.class::isInstance)) {
                throw new EventStoreException("A unit of work may not mix aggregate events with other events");
            }
            return new Commit(first.getIdentifier(), null, 0, events.size() - 1);
        }
        String stream = domainFirst.getAggregateIdentifier();
        long firstSequence = domainFirst.getSequenceNumber();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof DomainEventMessage<?> event)
                    || !stream.equals(event.getAggregateIdentifier())) {
                throw new EventStoreException("A unit of work may append to one aggregate only, but it held events of "
                                                      + stream + " and " + describe(events.get(i)));
            }
            if (event.getSequenceNumber() != firstSequence + i) {
                throw new EventStoreException("Events of aggregate " + stream + " must have consecutive sequence "
                                                      + "numbers from " + firstSequence + "; found "
                                                      + event.getSequenceNumber() + " at place " + i);
            }
        }
        return new Commit(stream, domainFirst.getType(), firstSequence, firstSequence + events.size() - 1);
    }

    String describe() {
        return "the commit of " + (aggregateType == null ? "stream" : aggregateType) + " " + stream
                + " [" + firstSequence + ".." + lastSequence + "]";
    }

    private static String describe(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> d ? "aggregate " + d.getAggregateIdentifier()
                                                        : "event " + event.getIdentifier();
    }
}
