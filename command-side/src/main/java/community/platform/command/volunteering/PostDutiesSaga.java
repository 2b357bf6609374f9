package community.platform.command.volunteering;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.volunteering.CheckDutySlotCommand;
import community.platform.shared.volunteering.CheckPlaceCommand;
import community.platform.shared.volunteering.ConfirmSignUpCommand;
import community.platform.shared.volunteering.DutyClash;
import community.platform.shared.volunteering.DutySlotReservedEvent;
import community.platform.shared.volunteering.MoveDutySlotCommand;
import community.platform.shared.volunteering.RefuseSignUpCommand;
import community.platform.shared.volunteering.ReleaseDutySlotCommand;
import community.platform.shared.volunteering.ReserveDutySlotCommand;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.TreeMap;

import static community.platform.shared.volunteering.ReserveDutySlotCommand.scheduleOf;

/**
 * Keeps one post's volunteers' schedules in step with the post: "no two duties at once" across posts.
 * <ul>
 * <li>A sign-up request (a hold in the volunteer's schedule) that overlapped nothing when it was made goes straight to
 * the post for a seat or a queue place. One that overlapped something is checked again first ({@link #check}); an
 * overlap that stands is recorded on the post as a refusal naming the other duty, and a refused request's hold is
 * given back.</li>
 * <li>A withdrawal gives the volunteer's time back; a cancellation gives everyone's back; a new time moves everyone's
 * slot.</li>
 * </ul>
 * One post's events reach its process in the order of the log; the processes of different posts run side by side, in
 * the segments of their processor. Each command commits on its own ({@link OwnCommits}) before the next is sent, and
 * every one changes nothing the second time, so a step interrupted by a crash is taken again from its event; and a
 * replay from the start of a store whose sign-ups were made before this process existed (holds without a request id,
 * decided when they were made) leaves the schedules as the posts say they should be.
 */
@Saga // public, with a public constructor: Axon creates sagas by reflection from its own package
public class PostDutiesSaga {

    private static final Logger log = LoggerFactory.getLogger(PostDutiesSaga.class);

    private String postId;
    private String title;
    private Instant startsAt;
    private Instant endsAt;
    /** Each volunteer with time held for this post, and the request that holds it (null before request ids). */
    private TreeMap<String, String> holders = new TreeMap<>();

    @StartSaga
    @SagaEventHandler(associationProperty = "postId")
    void on(VolunteerPostPublishedEvent event) {
        postId = event.postId();
        title = event.title();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
    }

    @SagaEventHandler(associationProperty = "postId")
    void on(DutySlotReservedEvent event, OwnCommits commands) {
        if (event.requestId() == null) {
            return;
        }
        String volunteer = event.volunteer();
        DutyClash clash = event.clear() ? null : check(commands, event);
        if (clash != null) {
            boolean refused = commands.send(new RefuseSignUpCommand(postId, volunteer, event.requestId(),
                                                                    clash.refusal()));
            if (refused) {
                release(commands, volunteer, event.requestId());
            }
            return;
        }
        boolean placed = commands.send(new ConfirmSignUpCommand(postId, volunteer, event.requestId()));
        if (placed) {
            holders.put(volunteer, event.requestId());
        } else if (holders.containsKey(volunteer)) {
            // an earlier request of theirs holds the place: this hold, the newer, now covers it
            holders.put(volunteer, event.requestId());
        } else {
            release(commands, volunteer, event.requestId());
        }
    }

    /**
     * A place given before requests had ids: its time was held then; hold it again if a replay gave it back. A place
     * given on a request does not come here ({@link PlacesBeforeRequestIds}).
     */
    @SagaEventHandler(associationProperty = "postId", associationResolver = PlacesBeforeRequestIds.class)
    void on(VolunteerSignedUpEvent event, OwnCommits commands) {
        heldBefore(commands, event.volunteer());
    }

    @SagaEventHandler(associationProperty = "postId", associationResolver = PlacesBeforeRequestIds.class)
    void on(VolunteerWaitlistedEvent event, OwnCommits commands) {
        heldBefore(commands, event.volunteer());
    }

    @SagaEventHandler(associationProperty = "postId")
    void on(SignUpWithdrawnEvent event, OwnCommits commands) {
        if (holders.containsKey(event.volunteer())) {
            release(commands, event.volunteer(), holders.remove(event.volunteer()));
        }
    }

    @SagaEventHandler(associationProperty = "postId")
    void on(VolunteerPostRescheduledEvent event, OwnCommits commands) {
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        holders.keySet().forEach(volunteer -> commands.send(
                new MoveDutySlotCommand(scheduleOf(volunteer), postId, startsAt, endsAt)));
    }

    /** Stays after the cancellation: a request made on another instance at that moment is still refused here. */
    @SagaEventHandler(associationProperty = "postId")
    void on(VolunteerPostCancelledEvent event, OwnCommits commands) {
        holders.forEach((volunteer, requestId) -> release(commands, volunteer, requestId));
        holders.clear();
    }

    private void heldBefore(OwnCommits commands, String volunteer) {
        if (holders.containsKey(volunteer)) {
            return;
        }
        holders.put(volunteer, null);
        try {
            commands.send(new ReserveDutySlotCommand(scheduleOf(volunteer), volunteer, postId, title,
                                                     startsAt, endsAt));
        } catch (CommandExecutionException clash) {
            log.warn("{} holds a place on {} that overlaps another of their duties: {}", volunteer, postId,
                     clash.getMessage());
        }
    }

    /**
     * The duty held before this request that it overlaps, if any. Posts' processes run side by side, so another post
     * may have let the volunteer go (a withdrawal, a refusal, a cancellation) before this request was made, and its
     * process not yet given the time back: that post is asked, and time it no longer stands behind is given back here
     * and the request checked again.
     */
    private DutyClash check(OwnCommits commands, DutySlotReservedEvent request) {
        CheckDutySlotCommand check = new CheckDutySlotCommand(request.scheduleId(), postId, request.requestId(),
                                                              startsAt, endsAt);
        DutyClash clash = commands.send(check);
        while (clash != null && clash.postId() != null
                && !commands.<Boolean>send(new CheckPlaceCommand(clash.postId(), request.volunteer(),
                                                                 clash.requestId()))) {
            commands.send(new ReleaseDutySlotCommand(request.scheduleId(), clash.postId(), clash.requestId()));
            clash = commands.send(check);
        }
        return clash;
    }

    private void release(OwnCommits commands, String volunteer, String requestId) {
        commands.send(new ReleaseDutySlotCommand(scheduleOf(volunteer), postId, requestId));
    }

    public PostDutiesSaga() {
        // required by Axon
    }
}
