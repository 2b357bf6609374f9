package community.platform.api.pages;

import community.platform.api.neighbourhoods.Neighbourhoods;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Locale;

/** The neighbourhood a resident lives in: the lists of posts, events and courses show its records unless asked. */
@Controller
class MyNeighbourhoodPages {

    private final Neighbourhoods neighbourhoods;
    private final PageForms forms;

    MyNeighbourhoodPages(Neighbourhoods neighbourhoods, PageForms forms) {
        this.neighbourhoods = neighbourhoods;
        this.forms = forms;
    }

    @GetMapping("/me/neighbourhood")
    Mono<Rendering> page(Authentication caller) {
        return neighbourhoods.stated(caller.getName())
                             .map(stated -> Rendering.view("me/neighbourhood")
                                                     .modelAttribute("stated", stated.orElse("")).build());
    }

    @PostMapping("/me/neighbourhood")
    Mono<Rendering> state(@ModelAttribute Choice choice, Authentication caller, ServerWebExchange exchange,
                          Locale locale) {
        return neighbourhoods.state(caller.getName(), choice.neighbourhoodId(), exchange)
                             .thenReturn(Rendering.redirectTo("/posts").build())
                             .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** The form as sent: an id, or nothing for none. */
    record Choice(String neighbourhoodId) {
    }
}
