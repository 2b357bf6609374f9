package community.platform.query.festival;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.Lookups;
import community.platform.query.views.ViewBatch;
import community.platform.query.views.ViewCodec;
import community.platform.shared.festival.FindVenueBookingQuery;
import community.platform.shared.festival.VenueBookedEvent;
import community.platform.shared.festival.VenueBooking;
import community.platform.shared.festival.VenueBookingMovedEvent;
import community.platform.shared.festival.VenueBookingReleasedEvent;
import community.platform.shared.festival.VenueCalendarQuery;
import community.platform.shared.festival.VenueEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;


/**
 * Venue calendars ({@value #BOOKINGS}, one document per venue and event), for organizers choosing a slot. Each venue's
 * last sequence applied is kept in {@value #HEADS}, so an event applied twice changes nothing.
 */
@Component
@ProcessingGroup(VenueCalendarProjection.GROUP)
class VenueCalendarProjection {

    public static final String GROUP = "venue-calendar";
    static final String BOOKINGS = "venueCalendar";
    static final String HEADS = "venueCalendarHeads";

    private final MongoCollection<Document> bookings;
    private final MongoCollection<Document> heads;

    private final QueryUpdateEmitter updates;

    public VenueCalendarProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        this.bookings = platformViewDatabase.getCollection(BOOKINGS);
        this.heads = platformViewDatabase.getCollection(HEADS);
        this.updates = updates;
        Lookups.by(bookings, "venueId");
    }

    /** One event's hold on one venue. */
    record Booking(@JsonProperty("_id") String id, String venueId, String venue, String eventId, String title,
                   Instant startsAt, Instant endsAt) {

        VenueBooking answer() {
            return new VenueBooking(eventId, title, startsAt, endsAt);
        }
    }

    @EventHandler
    void on(VenueEvent event, @SequenceNumber long sequence) {
        ViewBatch batch = ViewBatch.current();
        Document head = batch.find(heads, event.venueId());
        if (head != null && head.getLong("lastSequence") >= sequence) {
            return;
        }
        apply(batch, event);
        batch.replace(heads, new Document("_id", event.venueId()).append("lastSequence", sequence));
    }

    private void apply(ViewBatch batch, VenueEvent event) {
        if (event instanceof VenueBookedEvent booked) {
            batch.replace(bookings, ViewCodec.toDocument(new Booking(
                    id(booked.venueId(), booked.eventId()), booked.venueId(), booked.venue(), booked.eventId(),
                    booked.title(), booked.startsAt(), booked.endsAt())));
            updates.emit(FindVenueBookingQuery.class, query -> query.venueId().equals(booked.venueId())
                                 && query.eventId().equals(booked.eventId()),
                         Optional.of(new VenueBooking(booked.eventId(), booked.title(), booked.startsAt(),
                                                      booked.endsAt())));
        } else if (event instanceof VenueBookingMovedEvent moved) {
            batch.update(bookings, id(moved.venueId(), moved.eventId()), Updates.combine(
                    Updates.set("startsAt", Date.from(moved.startsAt())),
                    Updates.set("endsAt", Date.from(moved.endsAt()))), false);
        } else if (event instanceof VenueBookingReleasedEvent released) {
            batch.delete(bookings, id(released.venueId(), released.eventId()));
        }
    }

    private static VenueBooking booking(Document stored) {
        return ViewCodec.fromDocument(stored, Booking.class).answer();
    }

    private static String id(String venueId, String eventId) {
        return venueId + "|" + eventId;
    }

    @ResetHandler
    void reset() {
        Mono.from(bookings.deleteMany(new Document())).block();
        Mono.from(heads.deleteMany(new Document())).block();
    }

    /** The venue's bookings overlapping the window, from the venue's documents. */
    @QueryHandler
    CompletableFuture<List<VenueBooking>> handle(VenueCalendarQuery query) {
        return Flux.from(bookings.find(Filters.eq("venueId", query.venueId())))
                   .map(VenueCalendarProjection::booking)
                   .filter(b -> (query.to() == null || b.startsAt().isBefore(query.to()))
                           && (query.from() == null || b.endsAt().isAfter(query.from())))
                   .sort(Comparator.comparing(VenueBooking::startsAt).thenComparing(VenueBooking::eventId))
                   .collectList().toFuture();
    }

    @QueryHandler
    CompletableFuture<Optional<VenueBooking>> handle(FindVenueBookingQuery query) {
        return Mono.from(bookings.find(Filters.eq("_id", id(query.venueId(), query.eventId()))).first())
                   .map(stored -> Optional.of(booking(stored)))
                   .defaultIfEmpty(Optional.empty()).toFuture();
    }
}
