package community.platform.api.web;

import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * The address a request came from, as the platform knows it: the peer of the connection. Every event's metadata
 * records it, and live streams are counted by it.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString()
                                                                         : remote.getAddress().getHostAddress();
    }
}
