package community.platform.query.organizers;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.organizers.DashboardCards.CourseCard;
import community.platform.query.organizers.DashboardCards.EventCard;
import community.platform.query.organizers.DashboardCards.PostCard;
import community.platform.query.processing.CaughtUp;
import community.platform.query.views.KeyedViews;
import community.platform.query.views.Lookups;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.organizers.FindOrganizerDashboardQuery;
import community.platform.shared.organizers.OrganizerDashboard;
import community.platform.shared.volunteering.VolunteerPostEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * An organizer's dashboard: a card per volunteer post ({@value #POSTS}), festival event ({@value #EVENTS}) and course
 * ({@value #COURSES}), each with its counts and the organizer it belongs to, so the landing page is three reads of
 * one organizer's cards in the order it shows them. Each card records the last sequence of its record applied.
 */
@Component
@ProcessingGroup(OrganizerDashboardProjection.GROUP)
class OrganizerDashboardProjection {

    static final String GROUP = "organizer-dashboard";
    static final String POSTS = "dashboardPosts";
    static final String EVENTS = "dashboardEvents";
    static final String COURSES = "dashboardCourses";

    private final MongoCollection<Document> posts;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> courses;
    private final CaughtUp caughtUp;
    private final Clock clock;

    @Autowired
    public OrganizerDashboardProjection(MongoDatabase platformViewDatabase, CaughtUp caughtUp) {
        this(platformViewDatabase, caughtUp, Clock.systemUTC());
    }

    OrganizerDashboardProjection(MongoDatabase database, CaughtUp caughtUp, Clock clock) {
        this.posts = database.getCollection(POSTS);
        this.events = database.getCollection(EVENTS);
        this.courses = database.getCollection(COURSES);
        this.caughtUp = caughtUp;
        this.clock = clock;
        Lookups.by(posts, "organizer");
        Lookups.by(events, "organizer");
        Lookups.by(courses, "organizer");
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        KeyedViews.update(posts, event.postId(), sequence, PostCard::from, before -> PostCard.apply(before, event),
                          PostCard::toDocument);
    }

    @EventHandler
    void on(FestivalEventEvent event, @SequenceNumber long sequence) {
        KeyedViews.update(events, event.eventId(), sequence, EventCard::from, before -> EventCard.apply(before, event),
                          EventCard::toDocument);
    }

    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence) {
        KeyedViews.update(courses, event.courseId(), sequence, CourseCard::from,
                          before -> CourseCard.apply(before, event), CourseCard::toDocument);
    }

    @ResetHandler
    void reset() {
        Mono.from(posts.deleteMany(new Document())).block();
        Mono.from(events.deleteMany(new Document())).block();
        Mono.from(courses.deleteMany(new Document())).block();
    }

    /** Posts and events soonest first, courses by first session; statuses as of now. */
    @QueryHandler
    CompletableFuture<Optional<OrganizerDashboard>> handle(FindOrganizerDashboardQuery query) {
        return caughtUp.await(GROUP).then(Mono.defer(() -> {
            Instant now = clock.instant();
            return Mono.zip(
                    cards(posts, query.organizer(), "startsAt").map(PostCard::from).map(card -> card.answer(now))
                                                               .collectList(),
                    cards(events, query.organizer(), "startsAt").map(EventCard::from).map(card -> card.answer(now))
                                                                .collectList(),
                    cards(courses, query.organizer(), "firstStartsAt").map(CourseCard::from)
                                                                      .map(CourseCard::answer).collectList());
        })).map(found -> Optional.of(new OrganizerDashboard(found.getT1(), found.getT2(), found.getT3()))).toFuture();
    }

    private static Flux<Document> cards(MongoCollection<Document> cards, String organizer, String order) {
        return Flux.from(cards.find(eq("organizer", organizer)).sort(Sorts.ascending(order, "_id")));
    }
}
