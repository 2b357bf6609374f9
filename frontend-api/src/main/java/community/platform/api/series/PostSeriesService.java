package community.platform.api.series;

import community.platform.api.volunteering.CancellationRequest;
import community.platform.api.volunteering.PostResponse;
import community.platform.api.volunteering.ScheduleRequest;
import community.platform.api.volunteering.Volunteering;
import community.platform.api.web.ApiExceptionHandler;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.LocalTime;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import community.platform.shared.volunteering.FindPostSeriesQuery;
import community.platform.shared.volunteering.FindVolunteerPostQuery;
import community.platform.shared.volunteering.PostSeriesPublishedEvent;
import community.platform.shared.volunteering.PostSeriesSummary;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.PublishPostSeriesCommand;
import community.platform.shared.volunteering.VolunteerPostSummary;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.List;

/**
 * Weekly duty rosters: publishing a series (one command; the command side makes its posts), signing up for all of it
 * (each occurrence as a sign-up of its own, taken where free and overlap-free, waitlisted where full, and refused
 * where not, each outcome in the answer), and calling off the rest of it (each occurrence cancelled as a post is, so
 * the people holding places are told).
 */
@Service
public class PostSeriesService {

    private final Commands commands;
    private final Views views;
    private final Volunteering volunteering;

    PostSeriesService(Commands commands, Views views, Volunteering volunteering) {
        this.commands = commands;
        this.views = views;
        this.volunteering = volunteering;
    }

    /** Answers once every occurrence's post shows. */
    public Mono<SeriesResponses.Published> publish(SeriesRequests.Publish request, String organizer,
                                                   ServerWebExchange exchange) {
        String seriesId = IdempotencyKeys.newId(exchange, "series-");
        return commands.send(new PublishPostSeriesCommand(seriesId, organizer, request.title().strip(),
                                                          request.description(), request.team().strip(),
                                                          request.location().strip(), request.capacity(),
                                                          Neighbourhoods.orDefault(request.neighbourhoodId()),
                                                          request.startTime(), request.endTime(), request.rrule(),
                                                          request.firstDate(),
                                                          request.exceptions() == null ? List.of()
                                                                                       : request.exceptions()),
                             exchange)
                       .then(views.visible(new FindPostSeriesQuery(seriesId), PostSeriesSummary.class, s -> true))
                       .flatMap(series -> Flux.fromIterable(series.occurrences())
                                              .concatMap(o -> views.visible(new FindVolunteerPostQuery(o.postId()),
                                                                            VolunteerPostSummary.class, p -> true))
                                              .then(Mono.just(new SeriesResponses.Published(
                                                      seriesId, series.occurrences().stream()
                                                                      .map(PostSeriesPublishedEvent.Occurrence::postId)
                                                                      .toList()))));
    }

    public Mono<SeriesResponses.Series> series(String seriesId) {
        return existing(seriesId).map(SeriesResponses.Series::of);
    }

    /** Each occurrence in date order, as its own sign-up; a refusal of one does not stop the others. */
    public Mono<List<SeriesResponses.Outcome>> signUp(String seriesId, String volunteer, ServerWebExchange exchange) {
        return existing(seriesId).flatMapMany(series -> Flux.fromIterable(series.occurrences()))
                                 .concatMap(o -> volunteering.signUp(o.postId(), volunteer, exchange)
                                                             .map(place -> new SeriesResponses.Outcome(
                                                                     o.postId(), place.status().name(),
                                                                     place.waitlistPosition(), null, null))
                                                             .onErrorResume(refused -> refusal(o.postId(), refused)))
                                 .collectList();
    }

    /**
     * Cancels the occurrences from {@code from} on (all when null) that are still open or full, each as a post is
     * cancelled, so the people holding places are told.
     */
    public Mono<SeriesResponses.Cancelled> cancel(String seriesId, SeriesRequests.Cancel request, String organizer,
                                                  ServerWebExchange exchange) {
        return rest(seriesId, request.from(), organizer)
                .concatMap(post -> volunteering.cancel(post.id(), new CancellationRequest(request.reason()), organizer,
                                                       exchange))
                .map(PostResponse::id)
                .collectList()
                .map(cancelled -> new SeriesResponses.Cancelled(seriesId, cancelled));
    }

    /**
     * Moves the occurrences from {@code from} on (all when null) that are still open or full to new times on their own
     * dates, each as a post is moved: the volunteers keep their places, their time held follows, and they are told.
     */
    public Mono<SeriesResponses.Moved> reschedule(String seriesId, SeriesRequests.Reschedule request,
                                                  String organizer, ServerWebExchange exchange) {
        return rest(seriesId, request.from(), organizer)
                .concatMap(post -> {
                    LocalDate date = post.startsAt().atZoneSameInstant(LocalTime.ZONE).toLocalDate();
                    return volunteering.reschedule(post.id(), new ScheduleRequest(
                            date.atTime(request.startTime()).atZone(LocalTime.ZONE).toOffsetDateTime(),
                            date.atTime(request.endTime()).atZone(LocalTime.ZONE).toOffsetDateTime(),
                            request.reason()), organizer, exchange);
                })
                .map(PostResponse::id)
                .collectList()
                .map(moved -> new SeriesResponses.Moved(seriesId, moved));
    }

    /**
     * The series' posts from {@code from} on (all when null) still open or full, in date order; only the series'
     * organizer may change them, even when none is left.
     */
    private Flux<PostResponse> rest(String seriesId, LocalDate from, String organizer) {
        return existing(seriesId).filter(series -> series.organizer().equals(organizer))
                                 .switchIfEmpty(Mono.error(() -> new ApiProblemException(
                                         ErrorCode.NOT_THE_ORGANIZER, "Only the series' organizer changes it")))
                                 .flatMapMany(series -> Flux.fromIterable(series.occurrences()))
                                 .filter(o -> from == null || !LocalTime.of(o.startsAt()).toLocalDate().isBefore(from))
                                 .concatMap(o -> volunteering.post(o.postId()))
                                 .filter(post -> post.status() == PostStatus.OPEN || post.status() == PostStatus.FULL);
    }

    private Mono<PostSeriesSummary> existing(String seriesId) {
        return views.find(new FindPostSeriesQuery(seriesId), PostSeriesSummary.class)
                    .switchIfEmpty(Mono.error(() -> new ApiProblemException(ErrorCode.SERIES_NOT_FOUND,
                                                                            "There is no series " + seriesId)));
    }

    /** A refusal by a rule as one occurrence's outcome; any other failure (the store down) fails the whole answer. */
    private static Mono<SeriesResponses.Outcome> refusal(String postId, Throwable failure) {
        if (failure instanceof ApiProblemException refused) {
            String type = refused.problem().getType().getPath();
            return Mono.just(new SeriesResponses.Outcome(postId, "REFUSED", null,
                                                         type.substring(type.lastIndexOf('/') + 1),
                                                         refused.problem().getDetail()));
        }
        return ApiExceptionHandler.ruleViolation(failure)
                                  .map(rule -> Mono.just(new SeriesResponses.Outcome(postId, "REFUSED", null,
                                                                                     rule.code().slug(),
                                                                                     rule.detail())))
                                  .orElseGet(() -> Mono.error(failure));
    }
}
