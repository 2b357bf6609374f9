package community.platform.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Date;
import java.util.List;
import java.util.Map;

/** With platform.security.jwt.enabled, bearer tokens work under the same rules; the roles claim carries the roles. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"platform.store.in-memory=true", "platform.security.jwt.enabled=true"})
class JwtSeamTest {

    private static final RSAKey SIGNING_KEY = newKey();
    private static final RSAKey OTHER_KEY = newKey();

    @Autowired
    private WebTestClient web;

    @TestConfiguration
    static class TrustedIssuer {
        @Bean
        ReactiveJwtDecoder jwtDecoder() throws Exception {
            return NimbusReactiveJwtDecoder.withPublicKey(SIGNING_KEY.toRSAPublicKey()).build();
        }
    }

    @Test
    void aSignedTokenSignsTheCallerInWithItsRoles() {
        web.get().uri("/api/ping").headers(h -> h.setBearerAuth(token(SIGNING_KEY, "Zhao", List.of("RESIDENT"))))
           .exchange().expectStatus().isOk();
        web.post().uri("/api/admin/accounts/zhao/roles").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("role", "ADMIN"))
           .headers(h -> h.setBearerAuth(token(SIGNING_KEY, "Zhao", List.of("RESIDENT"))))
           .exchange().expectStatus().isForbidden();
    }

    @Test
    void aTokenFromAnyoneElseIsRefused() {
        web.get().uri("/api/ping").headers(h -> h.setBearerAuth(token(OTHER_KEY, "mallory", List.of("ADMIN"))))
           .exchange().expectStatus().isUnauthorized()
           .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
    }

    private static String token(RSAKey key, String subject, List<String> roles) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                                          new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                                                                    .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                                                                    .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
