package community.platform.query.notices;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.views.ViewBatch;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.Notice;
import community.platform.shared.festival.FestivalEventCancelledEvent;
import community.platform.shared.festival.FestivalEventEvent;
import community.platform.shared.festival.FestivalEventRescheduledEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.festival.RegistrantPromotedEvent;
import community.platform.shared.festival.RegistrationWithdrawnEvent;
import community.platform.shared.festival.ResidentRegisteredEvent;
import community.platform.shared.festival.ResidentWaitlistedEvent;
import community.platform.shared.notices.NoticeReadEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;


/**
 * Change notices ({@value #NOTICES}): when a volunteer post or a festival event is rescheduled or cancelled, or a
 * session of a course, everyone holding a place (for a course: the guardians) gets one saying what changed; someone moved up from the queue is told too. Who holds a place is
 * kept per record ({@value #MEMBERS}). A notice's id comes from the event that caused it, so re-applying an event writes the same
 * notice again; read flags come from the recipients' inbox events and survive a rebuild.
 */
@Component
@ProcessingGroup(NoticeProjection.GROUP)
public class NoticeProjection {

    public static final String GROUP = "notices";
    static final String NOTICES = "notices";
    static final String MEMBERS = "noticePostMembers";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                                                    .withZone(ZoneId.of("Asia/Shanghai"));

    private final MongoCollection<Document> notices;
    private final MongoCollection<Document> members;
    private final QueryUpdateEmitter updates;
    private final NoticeChannel channel;

    public NoticeProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates, NoticeChannel channel) {
        this.notices = platformViewDatabase.getCollection(NOTICES);
        this.members = platformViewDatabase.getCollection(MEMBERS);
        this.updates = updates;
        this.channel = channel;
    }

    /** What an event of a post or a festival event means for its notices: who joins or leaves, who is told what. */
    private record Change(String title, String joined, String left, List<String> toldOnly, String subject,
                          String body, String kind, Map<String, String> args) {

        Change(String title, String joined, String left, List<String> toldOnly, String subject, String body) {
            this(title, joined, left, toldOnly, subject, body, null, null);
        }

        /** A notice to some members only: what it is about, in English and as a kind with named arguments. */
        static Change tell(List<String> whom, String subject, String body, String kind, Map<String, String> args) {
            return new Change(null, null, null, whom, subject, body, kind, args);
        }

        static Change none() {
            return new Change(null, null, null, null, null, null);
        }
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        apply(event.postId(), sequence, at, replay, title -> {
            if (event instanceof VolunteerPostPublishedEvent published) {
                return new Change(published.title(), null, null, null, null, null);
            } else if (event instanceof VolunteerSignedUpEvent signedUp) {
                return new Change(null, signedUp.volunteer(), null, null, null, null);
            } else if (event instanceof VolunteerWaitlistedEvent waitlisted) {
                return new Change(null, waitlisted.volunteer(), null, null, null, null);
            } else if (event instanceof SignUpWithdrawnEvent withdrawn) {
                return new Change(null, null, withdrawn.volunteer(), null, null, null);
            } else if (event instanceof VolunteerPromotedEvent promoted) {
                return Change.tell(List.of(promoted.volunteer()), "You have a seat: " + title,
                                   "A seat became free and you were first in line; you are now confirmed for "
                                           + title + ".", "seat", Map.of("title", title));
            } else if (event instanceof VolunteerPostRescheduledEvent moved) {
                return rescheduled(title, null, null, moved.previousStartsAt(), moved.previousEndsAt(), null,
                                   moved.startsAt(), moved.endsAt(), moved.reason());
            } else if (event instanceof VolunteerPostCancelledEvent cancelled) {
                return cancelled(title, null, null, cancelled.reason());
            }
            return Change.none();
        });
    }

    @EventHandler
    void on(FestivalEventEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        apply(event.eventId(), sequence, at, replay, title -> {
            if (event instanceof FestivalEventScheduledEvent scheduled) {
                return new Change(scheduled.title(), null, null, null, null, null);
            } else if (event instanceof ResidentRegisteredEvent registered) {
                return new Change(null, registered.resident(), null, null, null, null);
            } else if (event instanceof ResidentWaitlistedEvent waitlisted) {
                return new Change(null, waitlisted.resident(), null, null, null, null);
            } else if (event instanceof RegistrationWithdrawnEvent withdrawn) {
                return new Change(null, null, withdrawn.resident(), null, null, null);
            } else if (event instanceof RegistrantPromotedEvent promoted) {
                return Change.tell(List.of(promoted.resident()), "You have a place: " + title,
                                   "A place became free and you were first in line; you are now registered for "
                                           + title + ".", "place", Map.of("title", title));
            } else if (event instanceof FestivalEventRescheduledEvent moved) {
                return rescheduled(title, null, moved.previousVenue(), moved.previousStartsAt(),
                                   moved.previousEndsAt(), moved.venue(), moved.startsAt(), moved.endsAt(),
                                   moved.reason());
            } else if (event instanceof FestivalEventCancelledEvent cancelled) {
                return cancelled(title, null, null, cancelled.reason());
            }
            return Change.none();
        });
    }

    @EventHandler
    void on(CourseEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        apply(event.courseId(), sequence, at, replay, title -> {
            if (event instanceof CourseCreatedEvent created) {
                return new Change(created.title(), null, null, null, null, null);
            } else if (event instanceof ChildEnrolledEvent enrolled) {
                return new Change(null, enrolled.guardian(), null, null, null, null);
            } else if (event instanceof ChildWaitlistedEvent waitlisted) {
                return new Change(null, waitlisted.guardian(), null, null, null, null);
            } else if (event instanceof EnrollmentWithdrawnEvent withdrawn) {
                return new Change(null, null, withdrawn.guardian(), null, null, null);
            } else if (event instanceof EnrollmentPromotedEvent promoted) {
                return Change.tell(List.of(promoted.guardian()), "Your child has a seat: " + title,
                                   "A seat became free and your child was first in line; they are now enrolled in "
                                           + title + " (enrollment " + promoted.enrollmentId() + ").", "childSeat",
                                   Map.of("title", title, "enrollment", promoted.enrollmentId()));
            } else if (event instanceof CourseSessionRescheduledEvent moved) {
                return rescheduled(title, moved.session().number(), moved.previous().room(),
                                   moved.previous().startsAt(), moved.previous().endsAt(), moved.session().room(),
                                   moved.session().startsAt(), moved.session().endsAt(), moved.reason());
            } else if (event instanceof CourseSessionCancelledEvent cancelled) {
                return cancelled(title, cancelled.session().number(), cancelled.session().startsAt(),
                                 cancelled.reason());
            }
            return Change.none();
        });
    }

    /** A record, or one session of a course, moved; the venue or room is named when it changed. */
    private static Change rescheduled(String record, Integer session, String fromVenue, Instant fromStart,
                                      Instant fromEnd, String toVenue, Instant toStart, Instant toEnd, String reason) {
        String title = session == null ? record : record + ", session " + session;
        boolean moved = fromVenue != null && !fromVenue.equals(toVenue);
        String where = moved ? " (now at " + toVenue + ")" : "";
        Map<String, String> args = new HashMap<>(Map.of("title", record, "from", LOCAL.format(fromStart) + "–"
                + LOCAL.format(fromEnd), "to", LOCAL.format(toStart) + "–" + LOCAL.format(toEnd)));
        if (session != null) {
            args.put("session", String.valueOf(session));
        }
        if (moved) {
            args.put("venue", toVenue);
        }
        if (reason != null && !reason.isBlank()) {
            args.put("reason", reason);
        }
        return new Change(null, null, null, null, "Rescheduled: " + title,
                          title + " moves from " + args.get("from") + " to " + args.get("to") + " (Beijing time)"
                                  + where + "." + (args.containsKey("reason") ? " Reason: " + reason : ""),
                          "rescheduled", args);
    }

    /** A record, or one session of a course (with when it was to start), cancelled. */
    private static Change cancelled(String record, Integer session, Instant sessionStart, String reason) {
        String title = session == null ? record
                : record + ", session " + session + " (" + LOCAL.format(sessionStart) + ", Beijing time)";
        Map<String, String> args = new HashMap<>(Map.of("title", record, "reason", String.valueOf(reason)));
        if (session != null) {
            args.put("session", String.valueOf(session));
            args.put("when", LOCAL.format(sessionStart));
        }
        return new Change(null, null, null, null, "Cancelled: " + title, title + " is cancelled. Reason: " + reason,
                          "cancelled", args);
    }

    /** Applies one event of a record (a post or a festival event) once: its members change, and notices go out. */
    private void apply(String recordId, long sequence, Instant at, ReplayStatus replay,
                       java.util.function.Function<String, Change> changeFor) {
        ViewBatch batch = ViewBatch.current();
        Document record = batch.find(members, recordId);
        if (record != null && record.getLong("lastSequence") >= sequence) {
            return;
        }
        if (record == null) {
            record = new Document("_id", recordId).append("members", List.of());
        }
        Change change = changeFor.apply(record.getString("title"));
        if (change.title() != null) {
            record.append("title", change.title());
        }
        List<String> holders = new ArrayList<>(record.getList("members", String.class));
        if (change.joined() != null) {
            holders.add(change.joined());
        }
        if (change.left() != null) {
            holders.remove(change.left());
        }
        if (change.subject() != null) {
            send(batch, recordId, sequence, at, change.toldOnly() == null ? holders : change.toldOnly(), change,
                 replay);
        }
        batch.replace(members, record.append("members", holders).append("lastSequence", sequence));
    }

    private void send(ViewBatch batch, String postId, long sequence, Instant at, List<String> recipients,
                      Change change, ReplayStatus replay) {
        for (String recipient : recipients) {
            String id = postId + "-" + sequence + "-" + recipient;
            batch.update(notices, id, Updates.combine(
                    Updates.set("recipient", recipient), Updates.set("createdAt", Date.from(at)),
                    Updates.set("subject", change.subject()), Updates.set("body", change.body()),
                    Updates.set("kind", change.kind()), Updates.set("args", new Document(new HashMap<>(change.args()))),
                    Updates.setOnInsert("read", false)), true);
            if (!replay.isReplay()) {
                channel.deliver(recipient, change.subject(), change.body());
            }
            updates.emit(FindNoticesQuery.class, query -> query.recipient().equals(recipient), List.of());
        }
    }

    private static Map<String, String> args(Document args) {
        Map<String, String> read = new HashMap<>();
        if (args != null) {
            args.forEach((name, value) -> read.put(name, String.valueOf(value)));
        }
        return read;
    }

    @EventHandler
    void on(NoticeReadEvent event) {
        ViewBatch.current().update(notices, event.noticeId(), Updates.set("read", true), true);
        updates.emit(FindNoticesQuery.class, query -> query.recipient().equals(event.recipient()), List.of());
    }

    @ResetHandler
    void reset() {
        Mono.from(notices.deleteMany(new Document())).block();
        Mono.from(members.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<List<Notice>> handle(FindNoticesQuery query) {
        return Flux.from(notices.find(Filters.eq("recipient", query.recipient())))
                   .map(d -> new Notice(d.getString("_id"), d.getString("recipient"),
                                        d.getDate("createdAt").toInstant(), d.getString("subject"),
                                        d.getString("body"), d.getBoolean("read"), d.getString("kind"),
                                        args(d.get("args", Document.class))))
                   .sort(Comparator.comparing(Notice::createdAt).reversed().thenComparing(Notice::id))
                   .collectList()
                   .toFuture();
    }
}
