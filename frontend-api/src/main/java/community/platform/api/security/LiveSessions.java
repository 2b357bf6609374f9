package community.platform.api.security;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The pages' sign-ins, kept in the session, that hold only while the account does: a session whose account is gone
 * from the accounts view (erased) is ended at its next request, on whichever instance holds it, and its caller is a
 * guest again. The look-up is the one every API request makes, cached as briefly.
 */
final class LiveSessions implements ServerSecurityContextRepository {

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final PlatformAuthenticationManager accounts;

    LiveSessions(PlatformAuthenticationManager accounts) {
        this.accounts = accounts;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return sessions.load(exchange).flatMap(context -> context.getAuthentication() == null
                ? Mono.just(context)
                : accounts.exists(context.getAuthentication().getName()).flatMap(exists -> exists
                        ? Mono.just(context)
                        : exchange.getSession().flatMap(WebSession::invalidate).then(Mono.empty())));
    }
}
