package community.platform.command.volunteering;

import community.platform.shared.volunteering.SignUpVolunteerCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import java.util.UUID;

import static community.platform.shared.volunteering.ReserveDutySlotCommand.scheduleOf;

/**
 * A sign-up request: the post checks its own rules and names the duty from its own events, and the volunteer's
 * schedule holds that time as the request ({@link VolunteerSchedule#request}). Nothing else happens here: the duties
 * process ({@link PostDutiesSaga}) checks the hold for overlaps and has the post decide seat or queue. The post is
 * loaded before the schedule, the order every command that takes both keeps.
 */
class SignUpRequests {

    private final Repository<VolunteerPost> posts;
    private final Repository<VolunteerSchedule> schedules;

    SignUpRequests(Repository<VolunteerPost> posts, Repository<VolunteerSchedule> schedules) {
        this.posts = posts;
        this.schedules = schedules;
    }

    /** Answers the request's id. */
    @CommandHandler
    String handle(SignUpVolunteerCommand command) throws Exception {
        VolunteerPost.Duty duty = posts.load(command.postId()).invoke(post -> post.requestFor(command.volunteer()));
        String scheduleId = scheduleOf(command.volunteer());
        String requestId = UUID.randomUUID().toString();
        schedules.loadOrCreate(scheduleId, VolunteerSchedule::new)
                 .execute(schedule -> schedule.request(scheduleId, command.volunteer(), duty, requestId));
        return requestId;
    }
}
