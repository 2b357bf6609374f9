package community.platform.query.festival;

import com.fasterxml.jackson.annotation.JsonProperty;
import community.platform.query.views.ViewCodec;
import community.platform.shared.festival.CoupletEntrySubmittedEvent;
import community.platform.shared.festival.EntryScoredEvent;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.EventStatus;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventRejectedEvent;
import community.platform.shared.festival.FestivalEventRescheduleRejectedEvent;
import community.platform.shared.festival.FestivalEventRescheduleRequestedEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.ResidentFestivalRecord;
import community.platform.shared.festival.ResultRow;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * A festival event as its screens read it: details, places, queue, entries and scores. {@link #apply} is a pure
 * function, and the results board is computed from this view alone, so a rebuild gives the same results.
 */
record FestivalEventView(@JsonProperty("_id") String eventId, Details event, String venue, Instant startsAt,
                         Instant endsAt, boolean cancelled, List<String> registered, List<String> queue,
                         List<Entry> entries) {

    /** What the event says of itself; its venue and times move, so they sit beside it in the view. */
    record Details(String organizer, String title, EventKind kind, int capacity, String description,
                   String neighbourhoodId) {
    }

    record Entry(String entryId, String author, String upperLine, String lowerLine, String horizontalScroll,
                 int submissionNumber, Map<String, Integer> scores) {

        OptionalDouble average() {
            return scores.values().stream().mapToInt(Integer::intValue).average();
        }
    }

    /** Whether the event changes what the screens show: a move shows once it is made, not when it is asked for. */
    static boolean shows(FestivalEventEvent event) {
        return !(event instanceof FestivalEventRescheduleRequestedEvent
                || event instanceof FestivalEventRescheduleRejectedEvent);
    }

    /** The view after {@code event}; none for an event turned down (its venue was taken), as if never scheduled. */
    static FestivalEventView apply(FestivalEventView view, FestivalEventEvent event) {
        if (event instanceof FestivalEventRejectedEvent) {
            return null;
        }
        if (!shows(event)) {
            return view;
        }
        if (event instanceof FestivalEventScheduledEvent scheduled) {
            Details details = new Details(scheduled.organizer(), scheduled.title(), scheduled.kind(),
                                          scheduled.capacity(), scheduled.description(), scheduled.neighbourhoodId());
            return new FestivalEventView(scheduled.eventId(), details, scheduled.venue(), scheduled.startsAt(),
                                         scheduled.endsAt(), false, List.of(), List.of(), List.of());
        }
        EventSchedule schedule = new EventSchedule(view.venue(), view.startsAt(), view.endsAt(), view.cancelled(),
                                                   view.registered(), view.queue()).apply(event);
        List<Entry> entries = new ArrayList<>(view.entries());
        if (event instanceof CoupletEntrySubmittedEvent e) {
            entries.add(new Entry(e.entryId(), e.author(), e.upperLine(), e.lowerLine(), e.horizontalScroll(),
                                  e.submissionNumber(), Map.of()));
        } else if (event instanceof EntryScoredEvent e) {
            entries.replaceAll(entry -> {
                if (!entry.entryId().equals(e.entryId())) {
                    return entry;
                }
                Map<String, Integer> scores = new LinkedHashMap<>(entry.scores());
                scores.put(e.judge(), e.score());
                return new Entry(entry.entryId(), entry.author(), entry.upperLine(), entry.lowerLine(),
                                 entry.horizontalScroll(), entry.submissionNumber(), scores);
            });
        }
        return new FestivalEventView(view.eventId(), view.event(), schedule.venue(), schedule.startsAt(),
                                     schedule.endsAt(), schedule.cancelled(), schedule.registered(), schedule.queue(),
                                     entries);
    }

    EventStatus status(Instant now) {
        if (cancelled) {
            return EventStatus.CANCELLED;
        }
        if (!endsAt.isAfter(now)) {
            return EventStatus.FINISHED;
        }
        return registered.size() >= event.capacity() ? EventStatus.FULL : EventStatus.OPEN;
    }

    FestivalEventSummary summary(Instant now, long version) {
        return new FestivalEventSummary(eventId, event.title(), event.kind(), venue, startsAt, endsAt,
                                        event.capacity(), registered.size(), queue.size(), status(now),
                                        event.organizer(), event.description(), version,
                                        Stream.concat(registered.stream(), queue.stream()).toList(),
                                        Neighbourhoods.orDefault(event.neighbourhoodId()));
    }

    /** Highest average first; a tie goes to the earlier submission; entries not yet scored come last. */
    List<ResultRow> results() {
        List<Entry> ranked = new ArrayList<>(entries);
        ranked.sort(Comparator.<Entry>comparingDouble(e -> e.average().orElse(-1)).reversed()
                              .thenComparingInt(Entry::submissionNumber));
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Entry e = ranked.get(i);
            OptionalDouble average = e.average();
            rows.add(new ResultRow(i + 1, e.entryId(), e.author(), e.upperLine(), e.lowerLine(), e.horizontalScroll(),
                                   average.isPresent() ? Math.round(average.getAsDouble() * 100) / 100.0 : null));
        }
        return rows;
    }

    /** The resident's own registration and entries in this event; none when they have neither. */
    Optional<ResidentFestivalRecord> record(String resident) {
        int waiting = queue.indexOf(resident);
        ResidentFestivalRecord.Registration registration = registered.contains(resident)
                ? ResidentFestivalRecord.Registration.REGISTERED
                : waiting >= 0 ? ResidentFestivalRecord.Registration.WAITLISTED : null;
        List<ResidentFestivalRecord.Entry> own = entries.stream().filter(e -> resident.equals(e.author()))
                .map(e -> new ResidentFestivalRecord.Entry(e.entryId(), e.upperLine(), e.lowerLine(),
                                                           e.horizontalScroll()))
                .toList();
        if (registration == null && own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResidentFestivalRecord(eventId, event.title(), event.kind(), startsAt, endsAt,
                                                      registration, waiting >= 0 ? waiting + 1 : null, own));
    }

    Document toDocument(long lastSequence) {
        return ViewCodec.toDocument(this).append("lastSequence", lastSequence);
    }

    static FestivalEventView from(Document stored) {
        return ViewCodec.fromDocument(stored, FestivalEventView.class);
    }
}
