package community.platform.query.certificates;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.Lookups;
import community.platform.query.views.ViewCodec;
import community.platform.shared.certificates.CertificateIssuedEvent;
import community.platform.shared.certificates.CertificateRecord;
import community.platform.shared.certificates.CertifiedDuty;
import community.platform.shared.certificates.FindCertificateQuery;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Each certificate as its verification page shows it ({@value #CERTIFICATES}): what it certified, where it stands in
 * the log, and how the attendances it counts stand now. To tell that, it keeps the minutes last recorded for each
 * volunteer and post ({@value #ATTENDANCE}), in the order of the log: a certificate issued from a view that had not
 * yet seen a correction is shown as corrected from the moment it was issued.
 * <p>
 * Every write sets values, and a correction touches only certificates that stand before it in the log, so an event
 * handled again changes nothing.
 */
@Component
@ProcessingGroup(CertificateProjection.GROUP)
class CertificateProjection {

    public static final String GROUP = "certificates";
    static final String CERTIFICATES = "certificateViews";
    static final String ATTENDANCE = "certifiedAttendance";

    private final MongoCollection<Document> certificates;
    private final MongoCollection<Document> attendance;

    CertificateProjection(MongoDatabase platformViewDatabase) {
        this.certificates = platformViewDatabase.getCollection(CERTIFICATES);
        this.attendance = platformViewDatabase.getCollection(ATTENDANCE);
        Lookups.by(certificates, "volunteer");
    }

    /** A certificate, with the minutes now recorded for each of its posts. */
    record View(@JsonProperty("_id") String code, String volunteer, String displayName, LocalDate from, LocalDate to,
                List<CertifiedDuty> duties, long totalMinutes, Instant issuedAt, long position,
                Map<String, Long> current, Instant correctedAt, boolean erased) {

        /** The minutes now recorded for a post; a record that changes nothing certified dates nothing. */
        View corrected(String postId, long minutes, Instant at) {
            Map<String, Long> now = new HashMap<>(current);
            now.put(postId, minutes);
            boolean changed = duties.stream().anyMatch(d -> d.postId().equals(postId) && d.minutes() != minutes);
            Instant first = correctedAt != null && (correctedAt.isBefore(at) || !changed) ? correctedAt
                    : changed ? at : null;
            return new View(code, volunteer, displayName, from, to, duties, totalMinutes, issuedAt, position, now,
                            first, erased);
        }

        View nameErased() {
            return new View(code, volunteer, PersonalData.ERASED, from, to, duties, totalMinutes, issuedAt, position,
                            current, correctedAt, true);
        }

        CertificateRecord answer() {
            long currentMinutes = duties.stream().mapToLong(duty -> current.getOrDefault(duty.postId(),
                                                                                          duty.minutes())).sum();
            return new CertificateRecord(code, volunteer, displayName, from, to, duties, totalMinutes, issuedAt,
                                         position, correctedAt, currentMinutes, erased);
        }
    }

    @EventHandler
    void on(CertificateIssuedEvent event, @Timestamp Instant issuedAt, TrackingToken token) {
        if (Mono.from(certificates.find(Filters.eq("_id", event.code())).first()).block() != null) {
            return; // handled already: what it found then stands, whatever was recorded since
        }
        Map<String, Long> recorded = Flux.from(attendance.find(Filters.in(
                        "_id", event.duties().stream().map(d -> attendanceId(event.volunteer(), d.postId())
                                                                    .get("_id")).toList())))
                                         .collectMap(found -> found.get("_id", Document.class).getString("postId"),
                                                     found -> found.getLong("minutes"))
                                         .block();
        Map<String, Long> current = new HashMap<>();
        Instant correctedAt = null;
        for (CertifiedDuty duty : event.duties()) {
            long minutes = recorded.getOrDefault(duty.postId(), duty.minutes());
            current.put(duty.postId(), minutes);
            if (minutes != duty.minutes()) {
                correctedAt = issuedAt;
            }
        }
        View view = new View(event.code(), event.volunteer(), event.displayName(), event.from(), event.to(),
                             event.duties(), event.totalMinutes(), issuedAt, token.position().orElse(-1), current,
                             correctedAt, false);
        save(PersonalData.ERASED.equals(event.displayName()) ? view.nameErased() : view);
    }

    @EventHandler
    void on(AttendanceRecordedEvent event, @Timestamp Instant at, TrackingToken token) {
        Mono.from(attendance.replaceOne(attendanceId(event.volunteer(), event.postId()),
                                        attendanceId(event.volunteer(), event.postId()).append("minutes",
                                                                                               event.minutes()),
                                        new ReplaceOptions().upsert(true))).block();
        long position = token.position().orElse(Long.MAX_VALUE);
        views(Filters.eq("volunteer", event.volunteer())).stream()
                .filter(view -> view.position() < position
                        && view.duties().stream().anyMatch(duty -> event.postId().equals(duty.postId())))
                .forEach(view -> save(view.corrected(event.postId(), event.minutes(), at)));
    }

    /** The volunteer's name reads as erased on their certificates, which stop verifying. */
    @EventHandler
    void on(PersonalDataErasedEvent event) {
        if (event.ofAccount()) {
            views(Filters.eq("volunteer", event.username())).forEach(view -> save(view.nameErased()));
        }
    }

    @ResetHandler
    void reset() {
        Mono.from(certificates.deleteMany(new Document())).block();
        Mono.from(attendance.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<CertificateRecord> handle(FindCertificateQuery query) {
        return Mono.from(certificates.find(Filters.eq("_id", query.code())).first())
                   .map(document -> ViewCodec.fromDocument(document, View.class).answer())
                   .toFuture();
    }

    private List<View> views(org.bson.conversions.Bson filter) {
        return Flux.from(certificates.find(filter)).map(document -> ViewCodec.fromDocument(document, View.class))
                   .collectList().block();
    }

    private void save(View view) {
        Mono.from(certificates.replaceOne(Filters.eq("_id", view.code()), ViewCodec.toDocument(view),
                                          new ReplaceOptions().upsert(true))).block();
    }

    private static Document attendanceId(String volunteer, String postId) {
        return new Document("_id", new Document("volunteer", volunteer).append("postId", postId));
    }
}
