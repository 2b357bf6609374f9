package community.platform.api.volunteering;

import community.platform.api.web.ApiExceptionHandler;
import community.platform.api.web.Commands;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.MoveDutySlotCommand;
import community.platform.shared.volunteering.ReleaseDutySlotCommand;
import community.platform.shared.volunteering.ReserveDutySlotCommand;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.volunteering.VolunteerRoster;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Instant;
import java.util.Optional;

import static community.platform.shared.volunteering.ReserveDutySlotCommand.scheduleOf;

/**
 * Volunteers' schedules, which keep the "no two duties at once" rule across posts. A held slot whose post was since
 * cancelled, or left, is found stale when it blocks a sign-up and released then, so a crash between two commands
 * cannot block a volunteer for good.
 */
@Component
class Schedules {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final Commands commands;
    private final Views views;

    Schedules(Commands commands, Views views) {
        this.commands = commands;
        this.views = views;
    }

    /** True when the slot is newly held, false when the volunteer held it already. */
    Mono<Boolean> hold(String volunteer, VolunteerPostSummary post, ServerWebExchange exchange) {
        Mono<Boolean> attempt = commands.<Boolean>send(new ReserveDutySlotCommand(
                        scheduleOf(volunteer), volunteer, post.id(), post.title(), post.startsAt(), post.endsAt()),
                                                      exchange)
                                        // two first sign-ups of one volunteer at once both create the schedule
                                        .retryWhen(Retry.max(2).filter(failure -> ApiExceptionHandler.causedBy(
                                                failure, AggregateStreamCreationException.class)));
        return attempt.onErrorResume(failure -> overlapWith(failure).isPresent(), overlap -> {
            String other = overlapWith(overlap).orElseThrow();
            return stillHolds(volunteer, other).flatMap(holds -> holds
                    ? Mono.error(overlap)
                    : release(volunteer, other, exchange).then(attempt));
        });
    }

    Mono<Void> release(String volunteer, String postId, ServerWebExchange exchange) {
        return commands.send(new ReleaseDutySlotCommand(scheduleOf(volunteer), postId), exchange)
                       .then()
                       .onErrorResume(failure -> {
                           log.warn("Could not release {}'s slot for {}; it is released when it next blocks them",
                                    volunteer, postId, failure);
                           return Mono.empty();
                       });
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

    private static Optional<String> overlapWith(Throwable failure) {
        return ApiExceptionHandler.ruleViolation(failure)
                                  .filter(violation -> violation.code() == ErrorCode.OVERLAPPING_SIGN_UP)
                                  .map(RuleViolation::subject);
    }
}
