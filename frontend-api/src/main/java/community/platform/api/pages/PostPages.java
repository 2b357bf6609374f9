package community.platform.api.pages;

import community.platform.api.volunteering.PostCounts;
import community.platform.api.neighbourhoods.Neighbourhoods;
import community.platform.api.volunteering.PostResponse;
import community.platform.api.volunteering.VolunteerPostController;
import community.platform.api.volunteering.Volunteering;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Residents' pages for volunteer posts: the upcoming posts, and a post with sign-up, withdrawal and live counts. */
@Controller
public class PostPages {

    private final Volunteering volunteering;
    private final Neighbourhoods neighbourhoods;
    private final PageForms forms;

    PostPages(Volunteering volunteering, Neighbourhoods neighbourhoods, PageForms forms) {
        this.volunteering = volunteering;
        this.neighbourhoods = neighbourhoods;
        this.forms = forms;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/posts";
    }

    @GetMapping("/posts")
    Mono<Rendering> list(@RequestParam(required = false) String team, @RequestParam(required = false) String denied,
                         @RequestParam(required = false) String neighbourhood, ServerWebExchange exchange) {
        String chosen = team == null || team.isBlank() ? null : team;
        return neighbourhoods.filterFor(neighbourhood, exchange).flatMap(place -> volunteering.posts(
                OffsetDateTime.now(ZoneOffset.UTC), null, null, null, place.isEmpty() ? null : place)
                    .map(upcoming -> Rendering.view("posts")
                                              .modelAttribute("posts", upcoming.stream()
                                                                               .filter(p -> chosen == null
                                                                                       || p.team().equals(chosen))
                                                                               .toList())
                                              .modelAttribute("teams", upcoming.stream().map(PostResponse::team)
                                                                               .distinct().sorted().toList())
                                              .modelAttribute("team", chosen == null ? "" : chosen)
                                              .modelAttribute("neighbourhood", place)
                                              .modelAttribute("denied", denied != null)
                                              .build()));
    }

    @GetMapping("/posts/{id}")
    Mono<Rendering> post(@PathVariable String id, ServerWebExchange exchange, Locale locale) {
        return page(id, exchange, null, HttpStatus.OK).onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** The post's counts as the API streams them, for the page's script (the API itself wants HTTP Basic). */
    @GetMapping(path = "/posts/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<PostCounts>> stream(@PathVariable String id, ServerWebExchange exchange) {
        return volunteering.counts(id, exchange).map(VolunteerPostController::event);
    }

    @PostMapping("/posts/{id}/signup")
    Mono<Rendering> signUp(@PathVariable String id, Authentication caller, ServerWebExchange exchange, Locale locale) {
        return volunteering.signUp(id, caller.getName(), exchange)
                    .map(done -> Rendering.redirectTo("/posts/" + id).build())
                    .onErrorResume(failure -> refused(id, failure, exchange, locale));
    }

    @PostMapping("/posts/{id}/withdrawal")
    Mono<Rendering> withdraw(@PathVariable String id, Authentication caller, ServerWebExchange exchange,
                             Locale locale) {
        return volunteering.withdraw(id, caller.getName(), exchange)
                    .then(Mono.fromSupplier(() -> Rendering.redirectTo("/posts/" + id).build()))
                    .onErrorResume(failure -> refused(id, failure, exchange, locale));
    }

    /** The post page again, with what went wrong above it. */
    private Mono<Rendering> refused(String id, Throwable failure, ServerWebExchange exchange, Locale locale) {
        return forms.again(failure, exchange, locale,
                           refusal -> page(id, exchange, refusal.message(), refusal.status()));
    }

    private Mono<Rendering> page(String id, ServerWebExchange exchange, String error, HttpStatus status) {
        return volunteering.post(id).zipWith(place(id, exchange))
                           .map(found -> Rendering.view("post").status(status)
                                                  .modelAttribute("post", found.getT1())
                                                  .modelAttribute("series", SeriesPages.seriesOf(id))
                                                  .modelAttribute("place", found.getT2())
                                                  .modelAttribute("error", error == null ? "" : error)
                                                  .build());
    }

    /** The caller's place on the post, from the roster: the view a sign-up or withdrawal waits for. */
    private Mono<Volunteering.Place> place(String id, ServerWebExchange exchange) {
        return exchange.getPrincipal().flatMap(caller -> volunteering.place(id, caller.getName()))
                       .defaultIfEmpty(Volunteering.Place.NONE);
    }
}
