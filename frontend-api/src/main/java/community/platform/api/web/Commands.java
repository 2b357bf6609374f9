package community.platform.api.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.stream.Collectors;

/**
 * Sends commands for a request, lazily and off the event loop, with the caller's identity in the metadata that every
 * resulting event carries: actor, their roles, the correlation id and the client address. A command that has started
 * runs to its end, whether or not the caller still waits ({@link BusWork}).
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** For a signed-in caller. */
    public <R> Mono<R> send(Object command, ServerWebExchange exchange) {
        return exchange.getPrincipal()
                       .cast(Authentication.class)
                       .flatMap(caller -> sendAs(command, caller.getName(), caller.getAuthorities().stream()
                               .map(GrantedAuthority::getAuthority).map(a -> a.replaceFirst("^ROLE_", ""))
                               .sorted().collect(Collectors.joining(",")), exchange));
    }

    /** For a caller who is not signed in, or for the platform itself, named as the actor. */
    public <R> Mono<R> sendAs(Object command, String actor, String actorRoles, ServerWebExchange exchange) {
        MetaData metaData = MetaData.with("actor", actor)
                                    .and("actorRoles", actorRoles)
                                    .and("correlationId", exchange == null ? "none" : CorrelationId.of(exchange))
                                    .and("clientAddress", exchange == null ? "local" : ClientAddress.of(exchange));
        // The command bus handles a command on the sending thread: never a Netty event loop, nor an event processor.
        return BusWork.run(() -> gateway.<R>send(GenericCommandMessage.asCommandMessage(command)
                                                                      .andMetaData(metaData)));
    }
}
