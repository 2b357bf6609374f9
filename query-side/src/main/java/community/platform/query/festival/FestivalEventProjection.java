package community.platform.query.festival;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.audit.RecordFold;
import community.platform.query.views.InNeighbourhood;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.ReadCache;
import community.platform.query.views.ReadCaches;
import community.platform.query.views.ViewBatch;
import community.platform.shared.FreshReads;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventRejectedEvent;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.FindFestivalEventQuery;
import community.platform.shared.festival.FindResidentFestivalRecordsQuery;
import community.platform.shared.festival.FindResultsQuery;
import community.platform.shared.festival.ListFestivalEventsQuery;
import community.platform.shared.festival.ResidentFestivalRecord;
import community.platform.shared.festival.ResultRow;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * The festival event view ({@value #COLLECTION}): lists, details with counts, and the results board. An event's detail
 * and the lists are read through this instance's {@link ReadCache}, told of each event by {@link FestivalEventsSeen}.
 */
@Component
@ProcessingGroup(FestivalEventProjection.GROUP)
class FestivalEventProjection implements RecordFold<FestivalEventEvent, FestivalEventView> {

    public static final String GROUP = "festival-events";
    static final String COLLECTION = "festivalEventViews";

    private final MongoCollection<Document> views;
    private final QueryUpdateEmitter updates;
    private final Clock clock;
    private final ReadCache cache;

    @Autowired
    public FestivalEventProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates,
                                   ReadCaches caches) {
        this(platformViewDatabase, updates, Clock.systemUTC(), caches);
    }

    FestivalEventProjection(MongoDatabase database, QueryUpdateEmitter updates, Clock clock) {
        this(database, updates, clock, ReadCaches.NONE);
    }

    FestivalEventProjection(MongoDatabase database, QueryUpdateEmitter updates, Clock clock, ReadCaches caches) {
        this.views = database.getCollection(COLLECTION);
        this.updates = updates;
        this.clock = clock;
        this.cache = caches.of(views);
    }

    /**
     * This instance has seen the event. Only the events the view applies count (a move asked for is not applied, and
     * its sequence would never show); one turned down removes the event's document.
     */
    void seen(FestivalEventEvent event, long sequence) {
        if (event instanceof FestivalEventRejectedEvent) {
            cache.gone(event.eventId(), sequence);
        } else if (FestivalEventView.shows(event)) {
            cache.seen(event.eventId(), sequence);
        }
    }

    /** Runs on a processor thread: blocking on the write is intended, and updates go out after it. */
    @EventHandler
    void on(FestivalEventEvent event, @SequenceNumber long sequence) {
        if (!FestivalEventView.shows(event)) {
            return;
        }
        if (event instanceof FestivalEventRejectedEvent) {
            // turned down: its view goes, so it is neither listed nor found
            ViewBatch.current().delete(views, event.eventId());
            return;
        }
        KeyedViews.update(views, event.eventId(), sequence, FestivalEventView::from,
                          before -> apply(before, event, sequence, null), FestivalEventView::toDocument)
                  .ifPresent(view -> updates.emit(FindFestivalEventQuery.class,
                                                  query -> query.eventId().equals(event.eventId()),
                                                  Optional.of(view.summary(clock.instant(), sequence))));
    }

    @Override
    public Class<FestivalEventEvent> events() {
        return FestivalEventEvent.class;
    }

    @Override
    public FestivalEventView apply(FestivalEventView before, FestivalEventEvent event, long sequence, Instant at) {
        return FestivalEventView.apply(before, event);
    }

    @Override
    public Object present(FestivalEventView view, long sequence, Instant asOf) {
        return view.summary(asOf, sequence);
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    CompletableFuture<Optional<FestivalEventSummary>> handle(FindFestivalEventQuery query) {
        return handle(query, null);
    }

    /** From the cache, unless the caller waits for its own write ({@link FreshReads}). */
    @QueryHandler
    CompletableFuture<Optional<FestivalEventSummary>> handle(FindFestivalEventQuery query,
                                                             @MetaDataValue(FreshReads.METADATA) Object fresh) {
        return cache.record(query.eventId(), FestivalEventView::from, fresh)
                .map(read -> Optional.of(read.value().summary(clock.instant(), read.sequence())))
                .defaultIfEmpty(Optional.empty()).toFuture();
    }

    CompletableFuture<List<FestivalEventSummary>> handle(ListFestivalEventsQuery query) {
        return handle(query, null);
    }

    @QueryHandler
    CompletableFuture<List<FestivalEventSummary>> handle(ListFestivalEventsQuery query,
                                                         @MetaDataValue(FreshReads.METADATA) Object fresh) {
        List<Bson> filters = new ArrayList<>();
        if (query.organizer() != null) {
            filters.add(eq("event.organizer", query.organizer()));
        }
        if (query.neighbourhood() != null) {
            filters.add(InNeighbourhood.filter("event.neighbourhoodId", query.neighbourhood()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        Mono<List<ReadCache.Versioned<FestivalEventView>>> stored =
                Flux.from(views.find(filter))
                    .map(d -> new ReadCache.Versioned<>(FestivalEventView.from(d), d.getLong("lastSequence")))
                    .collectList().map(List::copyOf);
        // the views are cached, the summaries made at each read: an event's status moves with the clock
        return cache.query(query, stored, fresh)
                    .map(events -> {
                        Instant now = clock.instant();
                        return events.stream()
                                     .map(read -> read.value().summary(now, read.sequence()))
                                     .sorted(Comparator.comparing(FestivalEventSummary::startsAt)
                                                       .thenComparing(FestivalEventSummary::id))
                                     .toList();
                    })
                    .toFuture();
    }

    /** Only the resident's own part of each event: others' registrations and entries are not in the answer. */
    @QueryHandler
    CompletableFuture<List<ResidentFestivalRecord>> handle(FindResidentFestivalRecordsQuery query) {
        String resident = query.resident();
        return Flux.from(views.find(Filters.or(eq("registered", resident), eq("queue", resident),
                                               eq("entries.author", resident))))
                   .mapNotNull(d -> FestivalEventView.from(d).record(resident).orElse(null))
                   .sort(Comparator.comparing(ResidentFestivalRecord::startsAt)
                                   .thenComparing(ResidentFestivalRecord::eventId))
                   .collectList().toFuture();
    }

    @QueryHandler
    CompletableFuture<List<ResultRow>> handle(FindResultsQuery query) {
        return Mono.from(views.find(eq("_id", query.eventId())).first())
                   .map(d -> FestivalEventView.from(d).results())
                   .defaultIfEmpty(List.of()).toFuture();
    }
}
