package community.platform.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.FindAccountQuery;
import community.platform.api.web.ClientAddress;
import community.platform.api.web.Views;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials. A full BCrypt check runs once; a success is then remembered for a short while as a
 * SHA-256 of the password, so later requests cost a hash and a map lookup. Roles come from the accounts view and are
 * remembered with it, so a change of role reaches a signed-in caller within that while (at once on the instance that
 * made the change). Every password check that is not remembered goes through the {@link LoginThrottle}, by username
 * and client address; an unknown username is checked against a hash of the same cost and answered alike.
 */
@Component
public class PlatformAuthenticationManager implements ReactiveAuthenticationManager {

    private final CredentialStore credentials;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final Views views;
    private final Cache<String, Verified> verified;
    /** Checked when there is no such account, so that an unknown username takes as long to refuse as a known one. */
    private final String unknownAccountHash;

    public PlatformAuthenticationManager(CredentialStore credentials, PasswordEncoder passwords,
                                         LoginThrottle throttle, Views views,
                                         @Value("${platform.security.verified-cache:60s}") Duration rememberFor) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.throttle = throttle;
        this.views = views;
        this.verified = Caffeine.newBuilder().expireAfterWrite(rememberFor).maximumSize(50_000).build();
        this.unknownAccountHash = passwords.encode(java.util.UUID.randomUUID().toString());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication request) {
        String username = Usernames.normalize(request.getName());
        String password = String.valueOf(request.getCredentials());
        return ClientAddress.current().flatMap(address -> authenticate(username, password, address));
    }

    private Mono<Authentication> authenticate(String username, String password, String address) {
        Optional<Duration> locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            return Mono.error(new LoginLockedException(locked.get()));
        }
        byte[] digest = sha256(password);
        Verified remembered = verified.getIfPresent(username);
        if (remembered != null && MessageDigest.isEqual(remembered.passwordDigest(), digest)) {
            throttle.succeeded(username, address);
            return Mono.just(remembered.authentication());
        }
        locked = throttle.attempt(address);
        if (locked.isPresent()) {
            return Mono.error(new LoginLockedException(locked.get()));
        }
        return credentials.passwordHash(username)
                          .defaultIfEmpty(unknownAccountHash)
                          .publishOn(Schedulers.boundedElastic())
                          .filter(hash -> passwords.matches(password, hash))
                          .flatMap(hash -> account(username))
                          .map(account -> {
                              Authentication authentication = authenticated(account);
                              verified.put(username, new Verified(digest, authentication));
                              throttle.succeededAfterAttempt(username, address);
                              return authentication;
                          })
                          .switchIfEmpty(Mono.defer(() -> {
                              throttle.failed(username, address);
                              return Mono.error(new BadCredentialsException("Wrong username or password"));
                          }));
    }

    /** Forgets what was remembered of this caller, after their roles changed. */
    public void forget(String username) {
        verified.invalidate(username);
    }

    private Mono<AccountSummary> account(String username) {
        return views.find(new FindAccountQuery(username), AccountSummary.class);
    }

    private static Authentication authenticated(AccountSummary account) {
        return UsernamePasswordAuthenticationToken.authenticated(
                account.username(), null,
                account.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private record Verified(byte[] passwordDigest, Authentication authentication) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Verified v && Arrays.equals(passwordDigest, v.passwordDigest)
                    && authentication.equals(v.authentication);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(passwordDigest);
        }

        @Override
        public String toString() {
            return "Verified[" + authentication.getName() + "]";
        }
    }
}
