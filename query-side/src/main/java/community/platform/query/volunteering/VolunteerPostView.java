package community.platform.query.volunteering;

import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.SignUpDecision;
import community.platform.shared.volunteering.SignUpOutcome;
import community.platform.shared.volunteering.SignUpRefusedEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerCheckedInEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerRoster;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A post as its screens read it: details, seats and queue. {@link #apply} is a pure function of the view before and
 * the event, so the live view and any rebuild of it agree.
 */
record VolunteerPostView(VolunteerPostPublishedEvent post, Instant startsAt, Instant endsAt, boolean cancelled,
                         String cancelReason, List<Seat> seats, List<Waiting> queue, List<Refusal> refusals) {

    /** A display name only where the event recorded one (sign-ups before names were read from accounts). */
    record Seat(String username, String displayName, Instant signedUpAt, Instant checkedInAt, Instant checkedOutAt,
                Long minutes, String requestId) {
        Seat(String username, String displayName, Instant signedUpAt, String requestId) {
            this(username, displayName, signedUpAt, null, null, null, requestId);
        }

        Seat attended(Instant in, Instant out, Long minutes) {
            return new Seat(username, displayName, signedUpAt, in, out, minutes, requestId);
        }
    }

    record Waiting(String username, String displayName, String requestId) {
    }

    /** A sign-up request refused after it was made, and why. */
    record Refusal(String username, String requestId, ErrorCode code, String detail, String subject) {
    }

    static VolunteerPostView apply(VolunteerPostView view, VolunteerPostEvent event, Instant at) {
        if (event instanceof VolunteerPostPublishedEvent published) {
            return new VolunteerPostView(published, published.startsAt(), published.endsAt(), false, null,
                                         List.of(), List.of(), List.of());
        }
        List<Seat> seats = new ArrayList<>(view.seats());
        List<Waiting> queue = new ArrayList<>(view.queue());
        List<Refusal> refusals = view.refusals();
        if (event instanceof VolunteerSignedUpEvent signedUp) {
            seats.add(new Seat(signedUp.volunteer(), signedUp.displayName(), at, signedUp.requestId()));
        } else if (event instanceof VolunteerWaitlistedEvent waitlisted) {
            queue.add(new Waiting(waitlisted.volunteer(), waitlisted.displayName(), waitlisted.requestId()));
        } else if (event instanceof SignUpRefusedEvent refused) {
            refusals = new ArrayList<>(refusals);
            refusals.add(new Refusal(refused.volunteer(), refused.requestId(), refused.refusal().code(),
                                     refused.refusal().detail(), refused.refusal().subject()));
        } else if (event instanceof SignUpWithdrawnEvent withdrawn) {
            seats.removeIf(seat -> seat.username().equals(withdrawn.volunteer()));
            queue.removeIf(waiting -> waiting.username().equals(withdrawn.volunteer()));
        } else if (event instanceof VolunteerPromotedEvent promoted) {
            Waiting first = queue.stream().filter(w -> w.username().equals(promoted.volunteer())).findFirst()
                                 .orElse(new Waiting(promoted.volunteer(), null, null));
            queue.remove(first);
            seats.add(new Seat(first.username(), first.displayName(), at, first.requestId()));
        } else if (event instanceof AttendanceRecordedEvent attended) {
            seats.replaceAll(seat -> seat.username().equals(attended.volunteer())
                    ? seat.attended(attended.checkedInAt(), attended.checkedOutAt(), attended.minutes())
                    : seat);
        } else if (event instanceof VolunteerCheckedInEvent checkedIn) {
            seats.replaceAll(seat -> seat.username().equals(checkedIn.volunteer())
                    ? seat.attended(checkedIn.checkedInAt(), seat.checkedOutAt(), seat.minutes())
                    : seat);
        } else if (event instanceof VolunteerPostRescheduledEvent rescheduled) {
            return new VolunteerPostView(view.post(), rescheduled.startsAt(), rescheduled.endsAt(), view.cancelled(),
                                         view.cancelReason(), seats, queue, refusals);
        } else if (event instanceof VolunteerPostCancelledEvent cancelled) {
            return new VolunteerPostView(view.post(), view.startsAt(), view.endsAt(), true, cancelled.reason(),
                                         seats, queue, refusals);
        }
        return new VolunteerPostView(view.post(), view.startsAt(), view.endsAt(), view.cancelled(),
                                     view.cancelReason(), seats, queue, refusals);
    }

    /** How a sign-up request was decided, as this view shows it now; null while it is undecided. */
    SignUpDecision decision(String volunteer, String requestId) {
        if (seats.stream().anyMatch(s -> s.username().equals(volunteer) && requestId.equals(s.requestId()))) {
            return new SignUpDecision(new SignUpOutcome(SignUpOutcome.Status.CONFIRMED, null), null);
        }
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).username().equals(volunteer) && requestId.equals(queue.get(i).requestId())) {
                return new SignUpDecision(new SignUpOutcome(SignUpOutcome.Status.WAITLISTED, i + 1), null);
            }
        }
        return refusals.stream().filter(r -> requestId.equals(r.requestId())).findFirst()
                       .map(r -> new SignUpDecision(null, new RuleViolation(r.code(), r.detail(), r.subject())))
                       .orElse(null);
    }

    String status(Instant now) {
        if (cancelled) {
            return "CANCELLED";
        }
        if (!endsAt.isAfter(now)) {
            return "COMPLETED";
        }
        return seats.size() >= post.capacity() ? "FULL" : "OPEN";
    }

    VolunteerPostSummary summary(Instant now) {
        return new VolunteerPostSummary(post.postId(), post.title(), post.description(), post.team(), post.location(),
                                        startsAt, endsAt, post.capacity(), seats.size(), queue.size(), status(now),
                                        post.organizer(), post.signupDeadline(), post.skills());
    }

    VolunteerRoster roster(long version) {
        return new VolunteerRoster(post.postId(), post.organizer(),
                                   seats.stream().map(s -> new VolunteerRoster.Confirmed(
                                           s.username(), s.displayName(), s.signedUpAt(), s.checkedInAt(),
                                           s.checkedOutAt(), s.minutes())).toList(),
                                   IntStream.range(0, queue.size())
                                            .mapToObj(i -> new VolunteerRoster.Waiting(queue.get(i).username(), i + 1))
                                            .toList(),
                                   version);
    }

    Document toDocument(long lastSequence) {
        return new Document("_id", post.postId())
                .append("post", new Document("organizer", post.organizer()).append("title", post.title())
                                        .append("description", post.description()).append("team", post.team())
                                        .append("location", post.location()).append("capacity", post.capacity())
                                        .append("signupDeadline", date(post.signupDeadline()))
                                        .append("skills", post.skills() == null ? List.of() : post.skills()))
                .append("startsAt", date(startsAt))
                .append("endsAt", date(endsAt))
                .append("team", post.team())
                .append("cancelled", cancelled)
                .append("cancelReason", cancelReason)
                .append("seats", seats.stream().map(s -> new Document("username", s.username())
                        .append("displayName", s.displayName()).append("signedUpAt", date(s.signedUpAt()))
                        .append("checkedInAt", date(s.checkedInAt())).append("checkedOutAt", date(s.checkedOutAt()))
                        .append("minutes", s.minutes()).append("requestId", s.requestId())).toList())
                .append("queue", queue.stream().map(w -> new Document("username", w.username())
                        .append("displayName", w.displayName()).append("requestId", w.requestId())).toList())
                .append("refusals", refusals.stream().map(r -> new Document("username", r.username())
                        .append("requestId", r.requestId()).append("code", r.code().name())
                        .append("detail", r.detail()).append("subject", r.subject())).toList())
                .append("lastSequence", lastSequence);
    }

    static VolunteerPostView from(Document d) {
        Document p = d.get("post", Document.class);
        VolunteerPostPublishedEvent post = new VolunteerPostPublishedEvent(
                d.getString("_id"), p.getString("organizer"), p.getString("title"), p.getString("description"),
                p.getString("team"), p.getString("location"), instant(d.getDate("startsAt")),
                instant(d.getDate("endsAt")), p.getInteger("capacity"), instant(p.getDate("signupDeadline")),
                p.getList("skills", String.class));
        return new VolunteerPostView(post, post.startsAt(), post.endsAt(), d.getBoolean("cancelled"),
                                     d.getString("cancelReason"),
                                     d.getList("seats", Document.class).stream()
                                      .map(s -> new Seat(s.getString("username"), s.getString("displayName"),
                                                         instant(s.getDate("signedUpAt")),
                                                         instant(s.getDate("checkedInAt")),
                                                         instant(s.getDate("checkedOutAt")), s.getLong("minutes"),
                                                         s.getString("requestId")))
                                      .toList(),
                                     d.getList("queue", Document.class).stream()
                                      .map(w -> new Waiting(w.getString("username"), w.getString("displayName"),
                                                            w.getString("requestId")))
                                      .toList(),
                                     d.getList("refusals", Document.class, List.of()).stream()
                                      .map(r -> new Refusal(r.getString("username"), r.getString("requestId"),
                                                            ErrorCode.valueOf(r.getString("code")),
                                                            r.getString("detail"), r.getString("subject")))
                                      .toList());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
