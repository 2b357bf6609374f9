package community.platform.command.volunteering;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.RuleViolation;
import community.platform.shared.volunteering.CheckDutySlotCommand;
import community.platform.shared.volunteering.ConfirmSignUpCommand;
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
 * <li>A sign-up request (a hold in the volunteer's schedule) is checked for overlaps, then the post gives it a seat or
 * a queue place; an overlap is recorded on the post as a refusal naming the other duty, and a refused request's hold
 * is given back.</li>
 * <li>A withdrawal gives the volunteer's time back; a cancellation gives everyone's back; a new time moves everyone's
 * slot.</li>
 * </ul>
 * Its processor has one segment, so requests are decided in the order of the log, after every release that came
 * before them. Each command commits on its own ({@link OwnCommits}) before the next is sent, and every one changes
 * nothing the second time, so a step interrupted by a crash is taken again from its event; and a replay from the start
 * of a store whose sign-ups were made before this process existed (holds without a request id, decided when they
 * were made) leaves the schedules as the posts say they should be.
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
        RuleViolation clash = commands.send(new CheckDutySlotCommand(event.scheduleId(), postId, event.requestId(),
                                                                     startsAt, endsAt));
        if (clash != null) {
            boolean refused = commands.send(new RefuseSignUpCommand(postId, volunteer, event.requestId(), clash));
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

    /** A place given before requests had ids: its time was held then; hold it again if a replay gave it back. */
    @SagaEventHandler(associationProperty = "postId")
    void on(VolunteerSignedUpEvent event, OwnCommits commands) {
        heldBefore(commands, event.volunteer(), event.requestId());
    }

    @SagaEventHandler(associationProperty = "postId")
    void on(VolunteerWaitlistedEvent event, OwnCommits commands) {
        heldBefore(commands, event.volunteer(), event.requestId());
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

    private void heldBefore(OwnCommits commands, String volunteer, String requestId) {
        if (requestId != null || holders.containsKey(volunteer)) {
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

    private void release(OwnCommits commands, String volunteer, String requestId) {
        commands.send(new ReleaseDutySlotCommand(scheduleOf(volunteer), postId, requestId));
    }

    public PostDutiesSaga() {
        // required by Axon
    }
}
