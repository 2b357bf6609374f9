package community.platform.api.security;

import community.platform.api.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Who may call what, in one place (docs/api.md). HTTP Basic on {@code /api/**}, stateless; the web pages sign in
 * with a form and keep a session. With {@code platform.security.jwt.enabled=true} the same rules take JWT bearer tokens as well (an OAuth2 resource
 * server; set {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}); the token's
 * {@code roles} claim carries the roles and its subject the username.
 */
@Configuration
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /** The web pages' addresses; everything else is the API's. */
    static final String[] PAGES = {"/", "/login", "/logout", "/register", "/posts", "/posts/**", "/festival",
                                   "/festival/**", "/courses", "/courses/**", "/me/**", "/organizer/**", "/auditor",
                                   "/auditor/**", "/admin/**", "/certificates", "/certificates/**", "/series/**",
                                   "/css/**", "/js/**"};

    /**
     * The web pages: a sign-in form and a session cookie, forms protected by a CSRF token. A guest is sent to sign in
     * first; a caller whose roles do not open a page is sent to the posts with a message saying so.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain pages(ServerHttpSecurity http, PlatformAuthenticationManager authentication) {
        RedirectServerAuthenticationFailureHandler refused = new RedirectServerAuthenticationFailureHandler("/login?error=1");
        RedirectServerAuthenticationFailureHandler locked = new RedirectServerAuthenticationFailureHandler("/login?locked=1");
        RedirectServerAuthenticationFailureHandler busy = new RedirectServerAuthenticationFailureHandler("/login?busy=1");
        RedirectServerLogoutSuccessHandler signedOut = new RedirectServerLogoutSuccessHandler();
        signedOut.setLogoutSuccessUrl(URI.create("/posts"));
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(PAGES))
            .authenticationManager(authentication)
            .securityContextRepository(new LiveSessions(authentication))
            .formLogin(form -> form.loginPage("/login")
                                   .authenticationFailureHandler((exchange, failure) ->
                                           (failure instanceof LoginLockedException ? locked
                                                   : failure instanceof SignInBusyException ? busy : refused)
                                                   .onAuthenticationFailure(exchange, failure)))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signedOut))
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .exceptionHandling(handling -> handling.accessDeniedHandler(
                    (exchange, denied) -> new DefaultServerRedirectStrategy()
                            .sendRedirect(exchange, URI.create("/posts?denied=1"))))
            .authorizeExchange(rules -> rules
                    .pathMatchers("/organizer/**").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/auditor/projections/*/replay").hasRole("ADMIN")
                    .pathMatchers("/auditor", "/auditor/**").hasAnyRole("AUDITOR", "ADMIN")
                    .pathMatchers("/admin/**").hasRole("ADMIN")
                    .pathMatchers("/me/children/*/erasure").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.POST, "/me/certificate.pdf").hasRole("RESIDENT")
                    .pathMatchers("/me/**").authenticated()
                    .pathMatchers(HttpMethod.POST, "/posts/*/signup", "/posts/*/withdrawal", "/festival/*/registration",
                                  "/festival/*/withdrawal", "/festival/*/entries", "/courses/*/enrollments",
                                  "/series/*/signups")
                        .hasRole("RESIDENT")
                    .anyExchange().permitAll());
        return http.build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain api(ServerHttpSecurity http, PlatformAuthenticationManager authentication,
                               Problems problems,
                               @Value("${platform.security.jwt.enabled:false}") boolean jwt) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, failure) -> {
            if (failure instanceof SignInRefusedException refused) {
                return problems.write(exchange, refused.problem(),
                                      Map.of("Retry-After", String.valueOf(refused.retryAfterSeconds())));
            }
            // a browser asked for Basic credentials would remember them and send them from any site's page
            return problems.write(exchange, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                                                        "Not signed in",
                                                        "Sign in with HTTP Basic: your username and password"),
                                  CrossSiteRequests.fromBrowser(exchange.getRequest())
                                          ? Map.of()
                                          : Map.of("WWW-Authenticate", "Basic realm=\"community-platform\""));
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) -> problems.write(
                exchange, Problems.forbidden("Your roles do not allow this"), Map.of());

        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache(cache -> cache.requestCache(org.springframework.security.web.server.savedrequest
                                                              .NoOpServerRequestCache.getInstance()))
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .httpBasic(basic -> basic.authenticationManager(authentication).authenticationEntryPoint(unauthenticated))
            .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                                                   .accessDeniedHandler(forbidden))
            .authorizeExchange(rules -> rules
                    .pathMatchers(HttpMethod.POST, "/api/accounts").permitAll()
                    .pathMatchers("/api/public/**").permitAll()
                    .pathMatchers(HttpMethod.GET, "/api/privacy/notice", "/api/neighbourhoods", "/api/certificates/*")
                        .permitAll()
                    .pathMatchers(HttpMethod.POST, "/api/neighbourhoods").hasRole("ADMIN")
                    .pathMatchers("/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                    .pathMatchers(HttpMethod.GET, "/api/admin/projections", "/api/admin/projections/*/diff",
                                  "/api/admin/projections/*/dead-letters", "/actuator/prometheus")
                        .hasAnyRole("AUDITOR", "ADMIN")
                    .pathMatchers("/api/admin/**").hasRole("ADMIN")
                    .pathMatchers(HttpMethod.POST, "/api/volunteer-posts").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/volunteer-post-series", "/api/volunteer-post-series/*/cancellation")
                        .hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/volunteer-post-series/*/signups").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.PUT, "/api/volunteer-post-series/*/schedule").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.PUT, "/api/volunteer-posts/*/schedule").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/volunteer-posts/*/cancellation").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/volunteer-posts/*/attendance").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/volunteer-posts/*/check-ins").hasRole("ORGANIZER")
                    .pathMatchers("/api/volunteers/me/**").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.POST, "/api/festival-events").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.PUT, "/api/festival-events/*/schedule").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/festival-events/*/cancellation").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/festival-events/*/entries/*/scores").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/festival-events/*/registrations").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.DELETE, "/api/festival-events/*/registrations/me").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.POST, "/api/festival-events/*/entries").hasRole("RESIDENT")
                    .pathMatchers("/api/venues/**").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.GET, "/api/volunteer-posts/*/roster").hasAnyRole("ORGANIZER", "AUDITOR")
                    .pathMatchers(HttpMethod.POST, "/api/volunteer-posts/*/signups").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.DELETE, "/api/volunteer-posts/*/signups/me").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.POST, "/api/courses").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/courses/*/publication").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.PUT, "/api/courses/*/sessions/**").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/courses/*/sessions/*/cancellation").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.POST, "/api/courses/*/completion").hasRole("ORGANIZER")
                    .pathMatchers(HttpMethod.GET, "/api/courses/*/roster", "/api/courses/*/attendance")
                        .hasAnyRole("ORGANIZER", "AUDITOR")
                    .pathMatchers("/api/courses/*/enrollments/**").hasRole("RESIDENT")
                    .pathMatchers(HttpMethod.POST, "/api/courses/*/feedback").hasRole("RESIDENT")
                    .pathMatchers("/api/children/**").hasRole("RESIDENT")
                    .pathMatchers("/api/**").authenticated()
                    .anyExchange().permitAll());
        if (jwt) {
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(forbidden)
                    .jwt(token -> token.jwtAuthenticationConverter(SecurityConfiguration::rolesFromClaim)));
        }
        return http.build();
    }

    private static Mono<AbstractAuthenticationToken> rolesFromClaim(Jwt jwt) {
        List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
        return Mono.just(new JwtAuthenticationToken(
                jwt, roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
                Usernames.normalize(jwt.getSubject())));
    }

    /**
     * No observations of Spring Security's own: it would time every phase of every request's filter chain and every
     * authorization decision, which nothing here reads (requests are metered as {@code http.server.requests}): about
     * 4.5 % of the CPU samples in a profile of the enrollment rush (docs/benchmarks.md).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
