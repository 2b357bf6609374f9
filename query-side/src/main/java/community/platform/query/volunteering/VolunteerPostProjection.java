package community.platform.query.volunteering;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.accounts.DisplayNames;
import community.platform.query.audit.RecordFold;
import community.platform.query.views.Erased;
import community.platform.query.views.InNeighbourhood;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.ReadCache;
import community.platform.query.views.ReadCaches;
import community.platform.shared.FreshReads;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.volunteering.FindSignUpDecisionQuery;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.FindVolunteerRecordsQuery;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.ListVolunteerPostsQuery;
import community.platform.shared.volunteering.SignUpDecision;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerRecord;
import community.platform.shared.volunteering.VolunteerRoster;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * The volunteer post view ({@value #COLLECTION}): lists, details with counts, and the roster. A post's detail and the
 * lists are read through this instance's {@link ReadCache}, told of each event by {@link PostEventsSeen}.
 */
@Component
@ProcessingGroup(VolunteerPostProjection.GROUP)
class VolunteerPostProjection implements RecordFold<VolunteerPostEvent, VolunteerPostView> {

    public static final String GROUP = "volunteer-posts";
    static final String COLLECTION = "volunteerPostViews";
    /** How often {@link #summaryOnceApplied} reads a view that is behind again. */
    private static final Duration RECHECK = Duration.ofMillis(50);

    private final MongoDatabase database;
    private final MongoCollection<Document> views;
    private final QueryUpdateEmitter updates;
    private final Clock clock;
    private final ReadCache cache;

    @Autowired
    public VolunteerPostProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates,
                                   ReadCaches caches) {
        this(platformViewDatabase, updates, Clock.systemUTC(), caches);
    }

    VolunteerPostProjection(MongoDatabase database, QueryUpdateEmitter updates, Clock clock) {
        this(database, updates, clock, ReadCaches.NONE);
    }

    VolunteerPostProjection(MongoDatabase database, QueryUpdateEmitter updates, Clock clock, ReadCaches caches) {
        this.database = database;
        this.views = database.getCollection(COLLECTION);
        this.updates = updates;
        this.clock = clock;
        this.cache = caches.of(views);
    }

    /** This instance has seen the event (its projection may not have written it yet). */
    void seen(VolunteerPostEvent event, long sequence) {
        cache.seen(event.postId(), sequence);
    }

    /** Runs on a processor thread: blocking on the write is intended, and updates go out after it. */
    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        KeyedViews.update(views, event.postId(), sequence, VolunteerPostView::from,
                          before -> apply(before, event, sequence, at), VolunteerPostView::toDocument)
                  .ifPresent(view -> {
                      updates.emit(FindVolunteerPostQuery.class, query -> query.postId().equals(event.postId()),
                                   Optional.of(view.summary(clock.instant())));
                      updates.emit(FindVolunteerRosterQuery.class, query -> query.postId().equals(event.postId()),
                                   Optional.of(view.roster(sequence)));
                      emitDecisions(updates, view);
                  });
    }

    /** To every request of this post awaited here that the view now shows decided, its decision. */
    static void emitDecisions(QueryUpdateEmitter updates, VolunteerPostView view) {
        updates.activeSubscriptions().stream()
               .map(subscription -> subscription.getPayload())
               .filter(payload -> payload instanceof FindSignUpDecisionQuery q && q.postId().equals(view.postId()))
               .map(FindSignUpDecisionQuery.class::cast)
               .distinct()
               .forEach(query -> Optional.ofNullable(view.decision(query.volunteer(), query.requestId()))
                                         .ifPresent(decision -> updates.emit(FindSignUpDecisionQuery.class,
                                                                             query::equals, Optional.of(decision))));
    }

    @Override
    public Class<VolunteerPostEvent> events() {
        return VolunteerPostEvent.class;
    }

    @Override
    public VolunteerPostView apply(VolunteerPostView before, VolunteerPostEvent event, long sequence, Instant at) {
        return VolunteerPostView.apply(before, event, at);
    }

    /**
     * The post as its detail shows it, and its roster: who held a seat and who waited, in order, at the time, named as
     * their accounts name them now. The audit's queries run off the event loop and read the store as they go.
     */
    @Override
    public Object present(VolunteerPostView view, long sequence, Instant asOf) {
        return new PostAsOf(view.summary(asOf), named(view.roster(sequence)).block());
    }

    /** A post's past state: the summary's fields, and the roster beside them. */
    public record PostAsOf(@JsonUnwrapped VolunteerPostSummary post, VolunteerRoster roster) {
    }

    /** The erased volunteer's name, copied into seats and queues while it could be read. */
    @EventHandler
    void on(PersonalDataErasedEvent event) {
        if (!event.ofAccount()) {
            return;
        }
        Erased.inLists(views, "seats", "username", event.username(), "displayName");
        Erased.inLists(views, "queue", "username", event.username(), "displayName");
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    CompletableFuture<Optional<VolunteerPostSummary>> handle(FindVolunteerPostQuery query) {
        return handle(query, null);
    }

    /** From the cache, unless the caller waits for its own write ({@link FreshReads}). */
    @QueryHandler
    CompletableFuture<Optional<VolunteerPostSummary>> handle(FindVolunteerPostQuery query,
                                                             @MetaDataValue(FreshReads.METADATA) Object fresh) {
        return cache.record(query.postId(), VolunteerPostView::from, fresh)
                .map(read -> Optional.of(read.value().summary(clock.instant())))
                .defaultIfEmpty(Optional.empty()).toFuture();
    }

    @QueryHandler
    CompletableFuture<Optional<SignUpDecision>> handle(FindSignUpDecisionQuery query) {
        return find(query.postId()).mapNotNull(view -> view.decision(query.volunteer(), query.requestId()))
                                   .map(Optional::of)
                                   .defaultIfEmpty(Optional.empty()).toFuture();
    }

    /** With each volunteer's display name as their account shows it now. */
    @QueryHandler
    CompletableFuture<Optional<VolunteerRoster>> handle(FindVolunteerRosterQuery query) {
        return Mono.from(views.find(eq("_id", query.postId())).first())
                   .flatMap(stored -> named(VolunteerPostView.from(stored).roster(stored.getLong("lastSequence"))))
                   .map(Optional::of)
                   .defaultIfEmpty(Optional.empty()).toFuture();
    }

    /** Names are read from the accounts, not copied into the post's events: one name, wherever it shows. */
    private Mono<VolunteerRoster> named(VolunteerRoster roster) {
        return DisplayNames.of(database, roster.confirmed().stream().map(VolunteerRoster.Confirmed::username).toList())
                           .map(names -> new VolunteerRoster(
                                   roster.postId(), roster.organizer(),
                                   roster.confirmed().stream().map(c -> new VolunteerRoster.Confirmed(
                                           c.username(), names.getOrDefault(c.username(), c.displayName() == null
                                                   ? c.username() : c.displayName()),
                                           c.signedUpAt(), c.checkedInAt(), c.checkedOutAt(), c.minutes())).toList(),
                                   roster.waitlist(), roster.version()));
    }

    /**
     * The store is asked for the posts from the start of the day of {@code from} (and before the end of the day of
     * {@code to}), so that a list does not grow with every post ever held; the views are cached by those days and the
     * other filters, the exact times and the status applied at each read: the pages ask from "now", which would make
     * every list a key of its own, and a post's status moves with the clock.
     */
    CompletableFuture<List<VolunteerPostSummary>> handle(ListVolunteerPostsQuery query) {
        return handle(query, null);
    }

    @QueryHandler
    CompletableFuture<List<VolunteerPostSummary>> handle(ListVolunteerPostsQuery query,
                                                         @MetaDataValue(FreshReads.METADATA) Object fresh) {
        Instant fromDay = query.from() == null ? null : query.from().truncatedTo(ChronoUnit.DAYS);
        Instant toDay = query.to() == null ? null : query.to().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        List<Bson> filters = new ArrayList<>();
        if (fromDay != null) {
            filters.add(Filters.gte("startsAt", Date.from(fromDay)));
        }
        if (toDay != null) {
            filters.add(Filters.lt("startsAt", Date.from(toDay)));
        }
        if (query.team() != null) {
            filters.add(eq("post.team", query.team()));
        }
        if (query.organizer() != null) {
            filters.add(eq("post.organizer", query.organizer()));
        }
        if (query.neighbourhood() != null) {
            filters.add(InNeighbourhood.filter("post.neighbourhoodId", query.neighbourhood()));
        }
        Mono<List<VolunteerPostView>> stored = Flux.from(views.find(filters.isEmpty() ? new Document()
                                                                                       : Filters.and(filters)))
                                                   .map(VolunteerPostView::from)
                                                   .collectList().map(List::copyOf);
        // as the store compares dates: to the millisecond
        Instant from = query.from() == null ? null : Date.from(query.from()).toInstant();
        Instant to = query.to() == null ? null : Date.from(query.to()).toInstant();
        ListVolunteerPostsQuery key = new ListVolunteerPostsQuery(fromDay, toDay, query.team(), null,
                                                                  query.organizer(), query.neighbourhood());
        return cache.query(key, stored, fresh)
                    .map(posts -> {
                        Instant now = clock.instant();
                        return posts.stream()
                                    .filter(view -> from == null || !view.startsAt().isBefore(from))
                                    .filter(view -> to == null || view.startsAt().isBefore(to))
                                    .map(view -> view.summary(now))
                                    .filter(summary -> query.status() == null
                                            || query.status().equals(summary.status().name()))
                                    .sorted(Comparator.comparing(VolunteerPostSummary::startsAt)
                                                      .thenComparing(VolunteerPostSummary::id))
                                    .toList();
                    })
                    .toFuture();
    }

    /** Only the volunteer's own seat or place of each post: nobody else on the post is in the answer. */
    @QueryHandler
    CompletableFuture<List<VolunteerRecord>> handle(FindVolunteerRecordsQuery query) {
        return Flux.from(views.find(Filters.or(eq("seats.username", query.volunteer()),
                                               eq("queue.username", query.volunteer()))))
                   .mapNotNull(stored -> VolunteerPostView.from(stored).record(query.volunteer()).orElse(null))
                   .sort(Comparator.comparing(VolunteerRecord::startsAt).thenComparing(VolunteerRecord::postId))
                   .collectList()
                   .toFuture();
    }

    /** The post's view once it has applied {@code sequence}: until then the view is read again. */
    Mono<VolunteerPostView> viewOnceApplied(String postId, long sequence) {
        return Mono.from(views.find(eq("_id", postId)).first())
                   .filter(stored -> stored.getLong("lastSequence") >= sequence)
                   .repeatWhenEmpty(tries -> tries.delayElements(RECHECK))
                   .map(VolunteerPostView::from);
    }

    VolunteerPostSummary summary(VolunteerPostView view) {
        return view.summary(clock.instant());
    }

    private Mono<VolunteerPostView> find(String postId) {
        return Mono.from(views.find(eq("_id", postId)).first()).map(VolunteerPostView::from);
    }
}
