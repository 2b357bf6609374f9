package community.platform.query.volunteering;

import com.fasterxml.jackson.annotation.JsonProperty;
import community.platform.query.views.ViewCodec;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.SignUpDecision;
import community.platform.shared.volunteering.SignUpOutcome;
import community.platform.shared.volunteering.SignUpRefusedEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerCheckedInEvent;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerRecord;
import community.platform.shared.volunteering.VolunteerRoster;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A post as its screens read it: details, seats and queue. {@link #apply} is a pure function of the view before and
 * the event, so the live view and any rebuild of it agree.
 */
record VolunteerPostView(@JsonProperty("_id") String postId, Details post, Instant startsAt, Instant endsAt,
                         boolean cancelled, String cancelReason, List<Seat> seats, List<Waiting> queue,
                         List<Refusal> refusals) {

    /** What the post says of itself; its times move, so they sit beside it in the view. */
    record Details(String organizer, String title, String description, String team, String location, int capacity,
                   Instant signupDeadline, List<String> skills, String neighbourhoodId) {
    }

    /** A display name only where the event recorded one (sign-ups before names were read from accounts). */
    record Seat(String username, String displayName, Instant signedUpAt, Instant checkedInAt, Instant checkedOutAt,
                Long minutes, String requestId, List<VolunteerRecord.Correction> corrections) {
        Seat(String username, String displayName, Instant signedUpAt, String requestId) {
            this(username, displayName, signedUpAt, null, null, null, requestId, List.of());
        }

        Seat attended(Instant in, Instant out, Long minutes) {
            return new Seat(username, displayName, signedUpAt, in, out, minutes, requestId, corrections);
        }

        /** The volunteer's own copy of their data lists every correction, not only the minutes that stand. */
        Seat corrected(VolunteerRecord.Correction correction) {
            List<VolunteerRecord.Correction> all = new ArrayList<>(corrections);
            all.add(correction);
            return new Seat(username, displayName, signedUpAt, checkedInAt, checkedOutAt, minutes, requestId, all);
        }
    }

    record Waiting(String username, String displayName, String requestId) {
    }

    /** A sign-up request refused after it was made, and why. */
    record Refusal(String username, String requestId, ErrorCode code, String detail, String subject) {
    }

    static VolunteerPostView apply(VolunteerPostView view, VolunteerPostEvent event, Instant at) {
        if (event instanceof VolunteerPostPublishedEvent published) {
            Details details = new Details(published.organizer(), published.title(), published.description(),
                                          published.team(), published.location(), published.capacity(),
                                          published.signupDeadline(),
                                          published.skills() == null ? List.of() : published.skills(),
                                          published.neighbourhoodId());
            return new VolunteerPostView(published.postId(), details, published.startsAt(), published.endsAt(), false,
                                         null, List.of(), List.of(), List.of());
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
                    ? corrected(seat.attended(attended.checkedInAt(), attended.checkedOutAt(), attended.minutes()),
                                attended, at)
                    : seat);
        } else if (event instanceof VolunteerCheckedInEvent checkedIn) {
            seats.replaceAll(seat -> seat.username().equals(checkedIn.volunteer())
                    ? seat.attended(checkedIn.checkedInAt(), seat.checkedOutAt(), seat.minutes())
                    : seat);
        } else if (event instanceof VolunteerPostRescheduledEvent rescheduled) {
            return new VolunteerPostView(view.postId(), view.post(), rescheduled.startsAt(), rescheduled.endsAt(),
                                         view.cancelled(), view.cancelReason(), seats, queue, refusals);
        } else if (event instanceof VolunteerPostCancelledEvent cancelled) {
            return new VolunteerPostView(view.postId(), view.post(), view.startsAt(), view.endsAt(), true,
                                         cancelled.reason(), seats, queue, refusals);
        }
        return new VolunteerPostView(view.postId(), view.post(), view.startsAt(), view.endsAt(), view.cancelled(),
                                     view.cancelReason(), seats, queue, refusals);
    }

    private static Seat corrected(Seat seat, AttendanceRecordedEvent attended, Instant at) {
        return attended.correction()
                ? seat.corrected(new VolunteerRecord.Correction(at, attended.minutes(), attended.replacedMinutes(),
                                                                attended.reason()))
                : seat;
    }

    /** The volunteer's seat or place in the queue on this post, as held; none when they have neither. */
    Optional<VolunteerRecord> record(String volunteer) {
        VolunteerDuty.Status seated = cancelled ? VolunteerDuty.Status.CANCELLED : VolunteerDuty.Status.CONFIRMED;
        Optional<VolunteerRecord> seat = seats.stream().filter(s -> s.username().equals(volunteer)).findFirst()
                .map(s -> new VolunteerRecord(postId, post.title(), startsAt, endsAt, seated, null, s.signedUpAt(),
                                              s.checkedInAt(), s.checkedOutAt(), s.minutes(), s.corrections()));
        if (seat.isPresent()) {
            return seat;
        }
        return IntStream.range(0, queue.size()).filter(i -> queue.get(i).username().equals(volunteer)).boxed()
                        .findFirst()
                        .map(i -> new VolunteerRecord(postId, post.title(), startsAt, endsAt,
                                                      cancelled ? VolunteerDuty.Status.CANCELLED
                                                                : VolunteerDuty.Status.WAITLISTED,
                                                      i + 1, null, null, null, null, List.of()));
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

    PostStatus status(Instant now) {
        if (cancelled) {
            return PostStatus.CANCELLED;
        }
        if (!endsAt.isAfter(now)) {
            return PostStatus.COMPLETED;
        }
        return seats.size() >= post.capacity() ? PostStatus.FULL : PostStatus.OPEN;
    }

    VolunteerPostSummary summary(Instant now) {
        return new VolunteerPostSummary(postId, post.title(), post.description(), post.team(), post.location(),
                                        startsAt, endsAt, post.capacity(), seats.size(), queue.size(), status(now),
                                        post.organizer(), post.signupDeadline(), post.skills(),
                                        Neighbourhoods.orDefault(post.neighbourhoodId()));
    }

    VolunteerRoster roster(long version) {
        return new VolunteerRoster(postId, post.organizer(),
                                   seats.stream().map(s -> new VolunteerRoster.Confirmed(
                                           s.username(), s.displayName(), s.signedUpAt(), s.checkedInAt(),
                                           s.checkedOutAt(), s.minutes())).toList(),
                                   IntStream.range(0, queue.size())
                                            .mapToObj(i -> new VolunteerRoster.Waiting(queue.get(i).username(), i + 1))
                                            .toList(),
                                   version);
    }

    Document toDocument(long lastSequence) {
        return ViewCodec.toDocument(this).append("lastSequence", lastSequence);
    }

    static VolunteerPostView from(Document stored) {
        return ViewCodec.fromDocument(stored, VolunteerPostView.class);
    }
}
