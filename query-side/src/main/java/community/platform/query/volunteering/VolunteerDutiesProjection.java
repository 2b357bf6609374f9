package community.platform.query.volunteering;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.Lookups;
import community.platform.query.views.ReadCache;
import community.platform.query.views.ReadCaches;
import community.platform.query.views.ViewBatch;
import community.platform.query.views.ViewCodec;
import community.platform.shared.FreshReads;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.FindVolunteerDutiesQuery;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;
import static community.platform.shared.volunteering.VolunteerDuty.Status.CONFIRMED;

/**
 * Each volunteer's duties ({@value #DUTIES}, one document per volunteer and post): their calendar and their hours
 * ledger. The posts' own details are kept beside them ({@value #POSTS}), with the last sequence of each post applied,
 * so an event applied twice changes nothing; every write an event causes sets a value, so re-applying one that was
 * cut short is harmless too. A volunteer's duties are read through this instance's {@link ReadCache} of the posts'
 * documents, whose sequences tell whether the duties hold an event: the post's document is written after the duties.
 */
@Component
@ProcessingGroup(VolunteerDutiesProjection.GROUP)
class VolunteerDutiesProjection {

    public static final String GROUP = "volunteer-duties";
    static final String DUTIES = "volunteerDuties";
    static final String POSTS = "volunteerDutyPosts";

    private final MongoCollection<Document> duties;
    private final MongoCollection<Document> posts;
    private final ReadCache cache;

    public VolunteerDutiesProjection(MongoDatabase platformViewDatabase) {
        this(platformViewDatabase, ReadCaches.NONE);
    }

    @Autowired
    public VolunteerDutiesProjection(MongoDatabase platformViewDatabase, ReadCaches caches) {
        this.duties = platformViewDatabase.getCollection(DUTIES);
        this.posts = platformViewDatabase.getCollection(POSTS);
        this.cache = caches.of(posts);
        Lookups.by(duties, "volunteer", "postId");
    }

    /**
     * This instance has seen the event: it changes the duties of the volunteer it names, or of everyone on the post
     * (a move, a cancellation); the others change no one's duties.
     */
    void seen(VolunteerPostEvent event, long sequence) {
        String volunteer = volunteerOf(event);
        if (volunteer != null) {
            cache.seen(event.postId(), sequence, new FindVolunteerDutiesQuery(volunteer));
        } else if (event instanceof VolunteerPostRescheduledEvent || event instanceof VolunteerPostCancelledEvent) {
            cache.seen(event.postId(), sequence);
        }
    }

    /** A post's details as its duties copy them. */
    record Post(@JsonProperty("_id") String postId, String title, String location, Instant startsAt,
                Instant endsAt) {

        Post movedTo(Instant startsAt, Instant endsAt) {
            return new Post(postId, title, location, startsAt, endsAt);
        }
    }

    /** One volunteer's place on one post; minutes once recorded. */
    record Duty(@JsonProperty("_id") String id, String volunteer, String postId, String title, String location,
                Instant startsAt, Instant endsAt, VolunteerDuty.Status status, Long minutes) {

        VolunteerDuty answer() {
            return new VolunteerDuty(postId, title, location, startsAt, endsAt, status, minutes);
        }
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        ViewBatch batch = ViewBatch.current();
        Document stored = batch.find(posts, event.postId());
        if (stored != null && stored.getLong("lastSequence") >= sequence) {
            return;
        }
        Post post = apply(batch, event, stored == null ? null : ViewCodec.fromDocument(stored, Post.class));
        batch.replace(posts, ViewCodec.toDocument(post).append("lastSequence", sequence));
    }

    private static String volunteerOf(VolunteerPostEvent event) {
        if (event instanceof VolunteerSignedUpEvent signedUp) {
            return signedUp.volunteer();
        }
        if (event instanceof VolunteerWaitlistedEvent waitlisted) {
            return waitlisted.volunteer();
        }
        if (event instanceof VolunteerPromotedEvent promoted) {
            return promoted.volunteer();
        }
        if (event instanceof SignUpWithdrawnEvent withdrawn) {
            return withdrawn.volunteer();
        }
        return event instanceof AttendanceRecordedEvent attended ? attended.volunteer() : null;
    }

    /** Writes what the event changes of the duties; answers the post's document with the event applied. */
    private Post apply(ViewBatch batch, VolunteerPostEvent event, Post post) {
        if (event instanceof VolunteerPostPublishedEvent published) {
            return new Post(published.postId(), published.title(), published.location(), published.startsAt(),
                            published.endsAt());
        }
        if (event instanceof VolunteerSignedUpEvent signedUp) {
            batch.replace(duties, duty(post, signedUp.volunteer(), CONFIRMED));
        } else if (event instanceof VolunteerWaitlistedEvent waitlisted) {
            batch.replace(duties, duty(post, waitlisted.volunteer(), VolunteerDuty.Status.WAITLISTED));
        } else if (event instanceof VolunteerPromotedEvent promoted) {
            batch.update(duties, id(promoted.volunteer(), promoted.postId()), Updates.set("status", CONFIRMED.name()),
                         false);
        } else if (event instanceof SignUpWithdrawnEvent withdrawn) {
            batch.delete(duties, id(withdrawn.volunteer(), withdrawn.postId()));
        } else if (event instanceof AttendanceRecordedEvent attended) {
            batch.update(duties, id(attended.volunteer(), attended.postId()), Updates.set("minutes", attended.minutes()),
                         false);
        } else if (event instanceof VolunteerPostRescheduledEvent moved) {
            batch.updateMany(duties, eq("postId", moved.postId()), Updates.combine(
                    Updates.set("startsAt", Date.from(moved.startsAt())),
                    Updates.set("endsAt", Date.from(moved.endsAt()))));
            return post.movedTo(moved.startsAt(), moved.endsAt());
        } else if (event instanceof VolunteerPostCancelledEvent cancelled) {
            batch.updateMany(duties, eq("postId", cancelled.postId()),
                             Updates.set("status", VolunteerDuty.Status.CANCELLED.name()));
        }
        return post;
    }

    private static Document duty(Post post, String volunteer, VolunteerDuty.Status status) {
        return ViewCodec.toDocument(new Duty(id(volunteer, post.postId()), volunteer, post.postId(), post.title(),
                                             post.location(), post.startsAt(), post.endsAt(), status, null));
    }

    private static String id(String volunteer, String postId) {
        return volunteer + "|" + postId;
    }

    @ResetHandler
    void reset() {
        Mono.from(duties.deleteMany(new Document())).block();
        Mono.from(posts.deleteMany(new Document())).block();
    }

    /** Reads the volunteer's documents; on the embedded server that is a scan of the (small) collection. */
    CompletableFuture<List<VolunteerDuty>> handle(FindVolunteerDutiesQuery query) {
        return handle(query, null);
    }

    /** From the cache, unless the caller waits for its own write ({@link FreshReads}). */
    @QueryHandler
    CompletableFuture<List<VolunteerDuty>> handle(FindVolunteerDutiesQuery query,
                                                  @MetaDataValue(FreshReads.METADATA) Object fresh) {
        Mono<List<VolunteerDuty>> stored = Flux.from(duties.find(Filters.eq("volunteer", query.volunteer())))
                                               .map(read -> ViewCodec.fromDocument(read, Duty.class).answer())
                                               .sort(Comparator.comparing(VolunteerDuty::startsAt)
                                                               .thenComparing(VolunteerDuty::postId))
                                               .collectList().map(List::copyOf);
        return cache.query(query, stored, fresh).toFuture();
    }
}
