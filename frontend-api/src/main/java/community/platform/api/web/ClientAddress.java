package community.platform.api.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request came from, decided once per request: the connection's peer, unless that peer is one of
 * {@code platform.security.trusted-proxies} (addresses or CIDR ranges; none by default). Only then is
 * {@code X-Forwarded-For} read, from the right, skipping the trusted proxies: the first address that is not one of
 * them is the client. Anything a client writes into the header itself sits further left and is never reached, and a
 * client that is not behind a trusted proxy cannot name another address at all. Every event's metadata keeps this
 * address; the limits per address count by {@link #forLimits}: an IPv6 client by its /64, since one customer is
 * usually given a whole /64 and could otherwise take a fresh address for every try.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class ClientAddress implements WebFilter {

    private static final String KEY = ClientAddress.class.getName();
    private static final String UNKNOWN = "unknown";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Range> trustedProxies;

    public ClientAddress(@Value("${platform.security.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).filter(p -> !p.isEmpty())
                                            .map(Range::parse).toList();
    }

    /** The address of the request {@code exchange} carries. */
    public static String of(ServerWebExchange exchange) {
        String address = exchange.getAttribute(KEY);
        return address == null ? peer(exchange.getRequest()) : address;
    }

    /** What the limits per address count {@code exchange}'s request as ({@link #forLimits(String)}). */
    public static String forLimits(ServerWebExchange exchange) {
        return forLimits(of(exchange));
    }

    /**
     * What the limits per address count {@code address} as: an IPv6 address by its /64 network
     * ({@code 2001:db8:1:2:0:0:0:0/64}), an IPv4 address (also one written as IPv4-mapped IPv6) by itself, anything
     * else as it is.
     */
    public static String forLimits(String address) {
        return literal(address.replaceFirst("%.*$", "")).map(a -> {
            if (!(a instanceof Inet6Address)) {
                return a.getHostAddress();
            }
            try {
                return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(a.getAddress(), 8), 16))
                                  .getHostAddress() + "/64";
            } catch (UnknownHostException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }).orElse(address);
    }

    /** The address of the request being served, for code that has no exchange at hand (the sign-in check). */
    public static Mono<String> current() {
        return Mono.deferContextual(context -> Mono.just(context.getOrDefault(KEY, UNKNOWN)));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String address = resolve(exchange.getRequest());
        exchange.getAttributes().put(KEY, address);
        return chain.filter(exchange).contextWrite(context -> context.put(KEY, address));
    }

    String resolve(ServerHttpRequest request) {
        String peer = peer(request);
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        request.getHeaders().getOrEmpty("X-Forwarded-For")
               .forEach(value -> List.of(value.split(",")).forEach(hop -> hops.add(hop.strip())));
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(hops.get(i))) {
                String client = hops.get(i);
                return client.isEmpty() || client.length() > 64 ? peer : client;
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    private boolean trusted(String address) {
        return literal(address).map(a -> trustedProxies.stream().anyMatch(proxy -> proxy.contains(a))).orElse(false);
    }

    /** An IP address written as one, never a name to look up. */
    private static Optional<InetAddress> literal(String text) {
        if (!IPV4.matcher(text).matches() && !(text.contains(":") && IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    /** An address, or a range of them in CIDR notation ({@code 10.0.0.0/8}). */
    private record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            String[] parts = text.split("/", 2);
            InetAddress address = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "platform.security.trusted-proxies: " + text + " is not an IP address or CIDR range"));
            int bits = address.getAddress().length * 8;
            return new Range(address.getAddress(), parts.length == 1 ? bits : Integer.parseInt(parts[1]));
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static String peer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? UNKNOWN : remote.getAddress() == null ? remote.getHostString()
                                                                      : remote.getAddress().getHostAddress();
    }
}
