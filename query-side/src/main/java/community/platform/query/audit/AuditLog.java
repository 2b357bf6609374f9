package community.platform.query.audit;

import community.platform.query.views.Json;
import community.platform.shared.audit.AuditEvent;
import community.platform.shared.audit.Corrective;
import community.platform.shared.audit.ExplainPlacementQuery;
import community.platform.shared.audit.Explanation;
import community.platform.shared.audit.ExportEventsQuery;
import community.platform.shared.audit.ExportPage;
import community.platform.shared.audit.FindStreamEventsQuery;
import community.platform.shared.audit.FindStreamStateQuery;
import community.platform.shared.audit.ListCorrectionsQuery;
import community.platform.shared.audit.RecordState;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What auditors read straight from the event store: a record's history, its state at a moment (folded by the
 * record's own {@link RecordFold}), the global log a page at a time, corrections, and the recorded inputs
 * of seat and queue decisions.
 */
@Component
class AuditLog {

    /** Events read at most for one page of the export. */
    static final int SCAN = 10_000;

    /** The payload fields that name the person a placement decision is about. */
    private static final List<String> PERSON_FIELDS = List.of("volunteer", "resident", "guardian");

    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final List<RecordFold<?, ?>> folds;

    public AuditLog(EventStore eventStore, EventStorageEngine storage, List<RecordFold<?, ?>> folds) {
        this.eventStore = eventStore;
        this.storage = storage;
        this.folds = folds;
    }

    @QueryHandler
    public List<AuditEvent> handle(FindStreamEventsQuery query) {
        try (Stream<? extends DomainEventMessage<?>> events = history(query.streamId())) {
            return events.map(event -> query.unmasked() ? shown(event) : audited(event)).toList();
        }
    }

    /** Empty for an unknown record; no record type and no state when the record's kind has no fold. */
    @QueryHandler
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<RecordState> handle(FindStreamStateQuery query) {
        List<DomainEventMessage> events;
        try (Stream<? extends DomainEventMessage<?>> history = history(query.streamId())) {
            events = history.map(DomainEventMessage.class::cast).toList();
        }
        Optional<RecordFold> fold = events.stream().findFirst().flatMap(first -> folds.stream()
                .filter(f -> f.events().isInstance(first.getPayload())).map(RecordFold.class::cast).findFirst());
        if (events.isEmpty()) {
            return Optional.empty();
        }
        if (fold.isEmpty()) {
            return Optional.of(new RecordState(query.streamId(), null, query.asOf(), -1, null));
        }
        Object view = null;
        long last = -1;
        for (DomainEventMessage event : events) {
            if (event.getTimestamp().isAfter(query.asOf())) {
                break;
            }
            view = fold.get().apply(view, event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
            last = event.getSequenceNumber();
        }
        Object state = view == null ? null : fold.get().present(view, last, query.asOf());
        return Optional.of(new RecordState(query.streamId(),
                                           fold.get().events().getSimpleName().replace("Event", ""), query.asOf(),
                                           last, state == null || query.unmasked() ? state
                                                                                   : PersonalDataMask.view(Json.toMap(state))));
    }

    /** A page of the global log, oldest first, as {@link #page} reads it. */
    @QueryHandler
    public ExportPage handle(ExportEventsQuery query) {
        return page(query.after(), query.limit(), event -> matches(event, query));
    }

    /** A page of the corrections, oldest first, as {@link #page} reads it. */
    @QueryHandler
    public ExportPage handle(ListCorrectionsQuery query) {
        return page(query.after(), query.limit(), event -> event.getPayload() instanceof Corrective c && c.corrects());
    }

    /**
     * The {@code wanted} events after the cursor, at most {@code limit}, read from the store as a processor reads it; at
     * most {@link #SCAN} events are read per page, so that each page answers promptly however rarely events are wanted.
     */
    private ExportPage page(ExportEventsQuery.Cursor after, int limit, Predicate<EventMessage<?>> wanted) {
        TrackingToken reached = after == null ? null : GapAwareTrackingToken.newInstance(after.index(), after.gaps());
        List<AuditEvent> page = new ArrayList<>();
        boolean more;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(reached, false)) {
            Iterator<? extends TrackedEventMessage<?>> log = events.iterator();
            int read = 0;
            while ((more = log.hasNext()) && page.size() < limit && read < SCAN) {
                TrackedEventMessage<?> event = log.next();
                read++;
                reached = event.trackingToken();
                if (wanted.test(event)) {
                    page.add(audited(event));
                }
            }
        }
        return new ExportPage(page, more && reached instanceof GapAwareTrackingToken token
                ? new ExportEventsQuery.Cursor(token.getIndex(), List.copyOf(token.getGaps())) : null);
    }

    /**
     * Every event of the record naming the person as volunteer, resident or guardian, with why it went that way; empty
     * for an unknown record.
     */
    @QueryHandler
    public Optional<Explanation> handle(ExplainPlacementQuery query) {
        List<Explanation.Decision> decisions = new ArrayList<>();
        AuditEvent previous = null;
        try (Stream<? extends DomainEventMessage<?>> events = history(query.recordId())) {
            for (AuditEvent event : (Iterable<AuditEvent>) events.map(AuditLog::audited)::iterator) {
                // a request is not a decision: the seat, queue place or refusal that answers it is
                if (PERSON_FIELDS.stream().anyMatch(f -> query.username().equals(event.payload().get(f)))
                        && !event.type().endsWith("RequestedEvent")) {
                    decisions.add(new Explanation.Decision(event.sequence(), event.timestamp(), event.type(),
                                                           event.actor(), because(event, previous),
                                                           inputs(event.payload())));
                }
                previous = event;
            }
        }
        return previous == null ? Optional.empty()
                                : Optional.of(new Explanation(query.recordId(), query.username(), decisions));
    }

    private Stream<? extends DomainEventMessage<?>> history(String streamId) {
        // from sequence 0: a snapshot would hide the events before it
        return eventStore.readEvents(streamId, 0).asStream();
    }

    private static boolean matches(EventMessage<?> event, ExportEventsQuery query) {
        return (query.from() == null || !event.getTimestamp().isBefore(query.from()))
                && (query.to() == null || event.getTimestamp().isBefore(query.to()))
                && (query.type() == null || query.type().equals(event.getPayloadType().getSimpleName())
                        || query.type().equals(event.getPayloadType().getName()))
                && (query.actor() == null || query.actor().equals(event.getMetaData().get("actor")));
    }

    /** An event as an auditor sees it: personal fields masked ({@link PersonalDataMask}). */
    static AuditEvent audited(EventMessage<?> event) {
        AuditEvent shown = shown(event);
        return new AuditEvent(shown.streamId(), shown.sequence(), shown.position(), shown.type(), shown.timestamp(),
                              shown.actor(), PersonalDataMask.payload(event.getPayloadType(), shown.payload()),
                              PersonalDataMask.metaData(shown.metadata()));
    }

    /** An event with its personal fields, for an auditor who stated why. */
    static AuditEvent shown(EventMessage<?> event) {
        String stream = event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null;
        long sequence = event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : -1;
        Long position = event instanceof TrackedEventMessage<?> t ? t.trackingToken().position().stream().boxed()
                                                                     .findFirst().orElse(null) : null;
        Object actor = event.getMetaData().get("actor");
        return new AuditEvent(stream, sequence, position, event.getPayloadType().getSimpleName(),
                              event.getTimestamp(), actor == null ? null : actor.toString(),
                              Json.toMap(event.getPayload()), new LinkedHashMap<>(event.getMetaData()));
    }

    private static final Set<String> ID_FIELDS = Set.of("postId", "eventId", "courseId", "displayName");

    private static Map<String, Object> inputs(Map<String, Object> payload) {
        Map<String, Object> inputs = new LinkedHashMap<>(payload);
        inputs.keySet().removeAll(ID_FIELDS);
        return inputs;
    }

    /** The decision in words, from the inputs its event recorded. */
    static String because(AuditEvent event, AuditEvent previous) {
        Map<String, Object> p = event.payload();
        Object capacity = p.get("capacity");
        Object taken = first(p, "confirmedBefore", "registeredBefore", "enrolledBefore", "confirmed", "registered");
        Object position = first(p, "position", "fromPosition", "queuePosition");
        String type = event.type();
        if (type.endsWith("WaitlistedEvent")) {
            return "All " + capacity + " seats were taken (" + taken + " before this request), so a place in the "
                    + "queue: position " + position;
        }
        if (type.endsWith("PromotedEvent")) {
            String freed = previous == null ? "a seat became free"
                                            : "a seat became free (" + previous.type() + " at sequence "
                                                    + previous.sequence() + ", by " + previous.actor() + ")";
            return "Moved up: " + freed + " and this place was first in the queue (position " + position + "); "
                    + taken + " of " + capacity + " seats were taken before";
        }
        if (type.endsWith("WithdrawnEvent")) {
            return "Left the record, by " + event.actor();
        }
        if (capacity != null && taken != null) {
            return taken + " of " + capacity + " seats were taken before this request, so a seat";
        }
        return type;
    }

    private static Object first(Map<String, Object> payload, String... fields) {
        for (String field : fields) {
            if (payload.containsKey(field)) {
                return payload.get(field);
            }
        }
        return null;
    }
}
