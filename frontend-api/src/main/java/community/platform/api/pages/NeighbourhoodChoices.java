package community.platform.api.pages;

import community.platform.api.neighbourhoods.Neighbourhoods;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The neighbourhoods, for the pages that filter by one (posts, festival events, courses) and the organizer's forms
 * that publish in one: as {@code neighbourhoods}, the default first, each marked where the caller may publish.
 */
@ControllerAdvice(assignableTypes = {PostPages.class, FestivalPages.class, CoursePages.class, OrganizerPages.class,
                                     OrganizerEventPages.class, OrganizerCoursePages.class, SeriesPages.class,
                                     MyNeighbourhoodPages.class})
class NeighbourhoodChoices {

    private final Neighbourhoods neighbourhoods;

    NeighbourhoodChoices(Neighbourhoods neighbourhoods) {
        this.neighbourhoods = neighbourhoods;
    }

    @ModelAttribute("neighbourhoods")
    Mono<List<Neighbourhoods.Choice>> neighbourhoods(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Principal::getName).map(Optional::of).defaultIfEmpty(Optional.empty())
                       .flatMap(caller -> neighbourhoods.choices(caller.orElse(null)));
    }
}
