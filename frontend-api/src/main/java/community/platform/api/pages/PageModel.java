package community.platform.api.pages;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every page shows besides its own content, put where templates see it (the exchange's attributes): {@code me},
 * who is signed in; {@code language}; {@code here}, this page's address ready for the language switch to add
 * {@code lang=…}; and the CSRF token that Thymeleaf puts in every form ({@code th:action}). Runs after security, so
 * the caller is known; not for the API.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class PageModel implements WebFilter {

    /** The signed-in caller, or a guest. */
    public record Caller(String username, Set<String> roles) {

        static final Caller GUEST = new Caller(null, Set.of());

        public boolean signedIn() {
            return username != null;
        }

        public boolean is(String role) {
            return roles.contains(role);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return describe(exchange).then(chain.filter(exchange));
    }

    /** Puts what every page shows into the exchange's attributes; an error page needs it before this filter ran too. */
    static Mono<Void> describe(ServerWebExchange exchange) {
        exchange.getAttributes().put("language", exchange.getLocaleContext().getLocale().getLanguage());
        exchange.getAttributes().put("here", here(exchange));
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return exchange.<Authentication>getPrincipal()
                       .map(caller -> new Caller(caller.getName(), caller.getAuthorities().stream()
                                                                         .map(GrantedAuthority::getAuthority)
                                                                         .map(role -> role.replaceFirst("^ROLE_", ""))
                                                                         .collect(Collectors.toSet())))
                       .defaultIfEmpty(Caller.GUEST)
                       .doOnNext(me -> exchange.getAttributes().put("me", me))
                       .then(token == null ? Mono.empty() : token.doOnNext(value -> exchange.getAttributes().put(
                               CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, value)).then());
    }

    /** This page's path and query without {@code lang}, ending in {@code ?} or {@code &}. */
    private static String here(ServerWebExchange exchange) {
        var uri = UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replaceQueryParam(PageLocales.PARAMETER)
                                      .build();
        return uri.getPath() + (uri.getQuery() == null ? "?" : "?" + uri.getQuery() + "&");
    }
}
