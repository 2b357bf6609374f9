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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials. A full BCrypt check runs once; a success is then remembered for a short while as a
 * SHA-256 of the password, so later requests cost a hash and a map lookup. Roles are never remembered: every request
 * reads them from the accounts view (one lookup by username), which every instance shares and which the accounts
 * projection writes from {@code RoleGrantedEvent} and {@code RoleRevokedEvent}. A role change therefore holds on every
 * instance as soon as the view shows it, and a grant or revocation answers only once it does. Every password check
 * that is not remembered goes through the {@link LoginThrottle}, by username and client address, and then waits its
 * turn among the {@link PasswordChecks}; an unknown username is checked against a hash of the same cost and answered
 * alike.
 */
@Component
public class PlatformAuthenticationManager implements ReactiveAuthenticationManager {

    private final CredentialStore credentials;
    private final PasswordChecks checks;
    private final LoginThrottle throttle;
    private final Views views;
    /** Per username, the SHA-256 of the password last verified. */
    private final Cache<String, byte[]> verified;
    /**
     * Per username, the account as the view showed it, for half a second at most: a burst of requests from one caller
     * costs one lookup, and a role change still holds everywhere well within a second.
     */
    private final Cache<String, AccountSummary> accounts;
    /** Checked when there is no such account, so that an unknown username takes as long to refuse as a known one. */
    private final String unknownAccountHash;

    public PlatformAuthenticationManager(CredentialStore credentials, PasswordEncoder passwords,
                                         PasswordChecks checks, LoginThrottle throttle, Views views,
                                         @Value("${platform.security.verified-cache:60s}") Duration rememberFor,
                                         @Value("${platform.security.account-cache:500ms}") Duration accountFor) {
        this.credentials = credentials;
        this.checks = checks;
        this.throttle = throttle;
        this.views = views;
        this.verified = Caffeine.newBuilder().expireAfterWrite(rememberFor).maximumSize(50_000).build();
        this.accounts = Caffeine.newBuilder().expireAfterWrite(accountFor).maximumSize(50_000).build();
        this.unknownAccountHash = passwords.encode(java.util.UUID.randomUUID().toString());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication request) {
        String username = Usernames.normalize(request.getName());
        String password = String.valueOf(request.getCredentials());
        return ClientAddress.current().map(ClientAddress::forLimits)
                            .flatMap(address -> authenticate(username, password, address));
    }

    private Mono<Authentication> authenticate(String username, String password, String address) {
        Optional<Duration> locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            return Mono.error(new LoginLockedException(locked.get()));
        }
        byte[] digest = sha256(password);
        byte[] remembered = verified.getIfPresent(username);
        if (remembered != null && MessageDigest.isEqual(remembered, digest)) {
            throttle.succeeded(username, address);
            return account(username).map(PlatformAuthenticationManager::authenticated)
                                    .switchIfEmpty(Mono.error(() -> new BadCredentialsException(
                                            "Wrong username or password")));
        }
        locked = throttle.attempt(address);
        if (locked.isPresent()) {
            return Mono.error(new LoginLockedException(locked.get()));
        }
        return credentials.passwordHash(username)
                          .defaultIfEmpty(unknownAccountHash)
                          .flatMap(hash -> checks.matches(password, hash))
                          .onErrorResume(SignInBusyException.class, busy -> {
                              throttle.notChecked(address);
                              return Mono.error(busy);
                          })
                          .filter(Boolean::booleanValue)
                          .flatMap(matched -> account(username))
                          .map(account -> {
                              verified.put(username, digest);
                              throttle.succeededAfterAttempt(username, address);
                              return authenticated(account);
                          })
                          .switchIfEmpty(Mono.defer(() -> {
                              throttle.failed(username, address);
                              return Mono.error(new BadCredentialsException("Wrong username or password"));
                          }));
    }

    /** Whether the account is there to act as: an erased one is not. */
    Mono<Boolean> exists(String username) {
        return account(username).hasElement();
    }

    private Mono<AccountSummary> account(String username) {
        return Mono.justOrEmpty(accounts.getIfPresent(username))
                   .switchIfEmpty(views.find(new FindAccountQuery(username), AccountSummary.class)
                                       .doOnNext(account -> accounts.put(username, account)));
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
}
