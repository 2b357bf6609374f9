package community.platform.api.security;

import community.platform.api.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The API has no CSRF token (HTTP Basic, no session), so a browser must not be able to send it a change from another
 * site's page with credentials it remembered. A {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} to any
 * path is refused (403 {@code cross-site-request}) when the browser says it comes from elsewhere: an
 * {@code Origin} other than the API's own (or one of {@code platform.security.allowed-origins}), or a
 * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}. A program that sends neither header (curl, a
 * phone app, another server) is not a browser and is not affected. Every path, not only {@code /api/}: a path the
 * router decodes to {@code /api/} ({@code /%61pi/}) must not slip past, and the web pages, which keep their CSRF
 * tokens as well, take no change from another site either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class CrossSiteRequests implements WebFilter {

    private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                                                          HttpMethod.DELETE);
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final Set<String> allowedOrigins;
    private final Problems problems;

    CrossSiteRequests(@Value("${platform.security.allowed-origins:}") List<String> allowedOrigins, Problems problems) {
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty())
                                                       .map(CrossSiteRequests::normalized).toList());
        this.problems = problems;
    }

    /**
     * Whether the request comes from a browser, which would remember HTTP Basic credentials when asked for them: it
     * names its fetch ({@code Sec-Fetch-*}), its origin, is a script's ({@code X-Requested-With}) or asks for a page.
     */
    static boolean fromBrowser(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.containsKey("Sec-Fetch-Mode") || headers.containsKey("Sec-Fetch-Site")
                || headers.containsKey("X-Requested-With") || headers.containsKey(HttpHeaders.ORIGIN)
                || headers.getAccept().stream().anyMatch(type -> "html".equals(type.getSubtype()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CHANGES.contains(request.getMethod()) || !crossSite(request)) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, Problems.of(
                HttpStatus.FORBIDDEN, "cross-site-request", "Cross-site request refused",
                "The API does not take changes from another site's pages. Use this site's own pages, or call the API"
                + " from a program that sends no Origin"), Map.of());
    }

    private boolean crossSite(ServerHttpRequest request) {
        // The pages send Referrer-Policy: no-referrer, so the browser's own forms say "Origin: null"; Sec-Fetch-Site
        // still tells where they come from.
        String origin = "null".equals(request.getHeaders().getOrigin()) ? null : request.getHeaders().getOrigin();
        if (origin != null && allowedOrigins.contains(normalized(origin))) {
            return false;
        }
        if (origin != null && !normalized(origin).equals(normalized(request.getURI()))) {
            return true;
        }
        String site = request.getHeaders().getFirst("Sec-Fetch-Site");
        return site != null && !OWN_SITE.contains(site);
    }

    private static String normalized(String origin) {
        try {
            return normalized(URI.create(origin.strip()));
        } catch (IllegalArgumentException notAnOrigin) {
            return "invalid:" + origin;
        }
    }

    /** {@code scheme://host[:port]}, in lower case, without the scheme's default port. */
    private static String normalized(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "invalid:" + uri;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
