package community.platform.api.volunteering;

import community.platform.api.web.Commands;
import community.platform.api.web.Holds;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.MoveDutySlotCommand;
import community.platform.shared.volunteering.ReleaseDutySlotCommand;
import community.platform.shared.volunteering.ReserveDutySlotCommand;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerRoster;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

import static community.platform.shared.volunteering.ReserveDutySlotCommand.scheduleOf;

/**
 * Volunteers' schedules, which keep the "no two duties at once" rule across posts (see {@link Holds} for stale
 * slots).
 */
@Component
class Schedules {

    private final Commands commands;
    private final Views views;

    Schedules(Commands commands, Views views) {
        this.commands = commands;
        this.views = views;
    }

    /** True when the slot is newly held, false when the volunteer held it already. */
    Mono<Boolean> hold(String volunteer, VolunteerPostSummary post, ServerWebExchange exchange) {
        return Holds.hold(commands.send(new ReserveDutySlotCommand(scheduleOf(volunteer), volunteer, post.id(),
                                                                   post.title(), post.startsAt(), post.endsAt()),
                                        exchange),
                          ErrorCode.OVERLAPPING_SIGN_UP, other -> stillHolds(volunteer, other),
                          other -> release(volunteer, other, exchange));
    }

    Mono<Void> release(String volunteer, String postId, ServerWebExchange exchange) {
        return Holds.release(commands.send(new ReleaseDutySlotCommand(scheduleOf(volunteer), postId), exchange),
                             volunteer + "'s slot for " + postId);
    }

    /** Moves everyone's slot for a rescheduled post to its new times. */
    Mono<Void> move(String postId, Instant startsAt, Instant endsAt, ServerWebExchange exchange) {
        return views.find(new FindVolunteerRosterQuery(postId), VolunteerRoster.class)
                    .flatMapMany(roster -> Flux.concat(
                            Flux.fromIterable(roster.confirmed()).map(VolunteerRoster.Confirmed::username),
                            Flux.fromIterable(roster.waitlist()).map(VolunteerRoster.Waiting::username)))
                    .concatMap(volunteer -> commands.send(new MoveDutySlotCommand(scheduleOf(volunteer), postId,
                                                                                  startsAt, endsAt), exchange))
                    .then();
    }

    private Mono<Boolean> stillHolds(String volunteer, String postId) {
        return views.find(new FindVolunteerPostQuery(postId), VolunteerPostSummary.class)
                    .filter(post -> !"CANCELLED".equals(post.status()))
                    .flatMap(post -> views.find(new FindVolunteerRosterQuery(postId), VolunteerRoster.class))
                    .map(roster -> VolunteerPostController.holdsPlace(roster, volunteer))
                    .defaultIfEmpty(false);
    }
}
