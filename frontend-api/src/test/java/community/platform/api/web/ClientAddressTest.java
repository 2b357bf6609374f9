package community.platform.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        return MockServerHttpRequest.get("/api/accounts/me")
                                    .remoteAddress(new InetSocketAddress(peer, 40000))
                                    .header("X-Forwarded-For", forwardedFor).build();
    }

    @Test
    void aForwardedForHeaderIsIgnoredUnlessAProxyIsTrusted() {
        ClientAddress noProxies = new ClientAddress(List.of());

        assertThat(noProxies.resolve(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheAddressItSawIsTheClientNotWhatTheClientWrote() {
        ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "127.0.0.1"));

        // the client wrote 198.51.100.1 itself; the outer proxy (10.0.0.5) saw 203.0.113.7, the inner one 10.0.0.5
        assertThat(behindProxies.resolve(from("127.0.0.1", "198.51.100.1, 203.0.113.7", "10.0.0.5")))
                .isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve(from("127.0.0.1"))).isEqualTo("127.0.0.1");
        assertThat(behindProxies.resolve(from("203.0.113.8", "10.0.0.5"))).isEqualTo("203.0.113.8");
    }

    @Test
    void aHostNameInTheHeaderIsNeverLookedUp() {
        ClientAddress behindProxy = new ClientAddress(List.of("127.0.0.1"));

        assertThat(behindProxy.resolve(from("127.0.0.1", "evil.example"))).isEqualTo("evil.example");
    }

    @Test
    void limitsKeyAnIpv6ClientByItsSlash64AndAnIpv4ClientByItsAddress() {
        assertThat(ClientAddress.forLimits("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ClientAddress.forLimits("2001:db8:1:2::1"))
                .isEqualTo(ClientAddress.forLimits("2001:0db8:0001:0002:0000:0000:0000:ffff"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.forLimits("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.forLimits("2001:db8:1:2::1"));
        assertThat(ClientAddress.forLimits("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.forLimits("203.0.113.8")).isNotEqualTo(ClientAddress.forLimits("203.0.113.7"));
        assertThat(ClientAddress.forLimits("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.forLimits("unknown")).isEqualTo("unknown");
    }

    @Test
    void theExactIpv6AddressIsWhatTheRequestCameFrom() {
        ClientAddress behindProxy = new ClientAddress(List.of("127.0.0.1"));

        assertThat(behindProxy.resolve(from("127.0.0.1", "2001:db8:1:2::77"))).isEqualTo("2001:db8:1:2::77");
        assertThat(new ClientAddress(List.of()).resolve(from("2001:db8:1:2::77"))).isEqualTo("2001:db8:1:2:0:0:0:77");
    }
}
