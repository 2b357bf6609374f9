package community.platform.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows down password guessing without letting a stranger lock anyone out. Every password check takes a token from
 * two buckets: one for the username from this client address ({@code max-failures} per {@code lock-time}) and one
 * for the address, whatever the username ({@code max-failures-per-address} per {@code lock-time}). A success gives
 * its token back to the address and fills the username's bucket for that address again. So guesses at {@code admin} from one
 * address lock out that address only; the admin signs in from their own. Unknown usernames are counted alike, so the
 * answer tells nothing about which exist. Kept per instance: behind a load balancer each instance counts on its own.
 */
@Component
class LoginThrottle {

    private final Buckets perUsernameAndAddress;
    private final Buckets perAddress;

    LoginThrottle(@Value("${platform.security.login.max-failures:5}") int maxFailures,
                  @Value("${platform.security.login.max-failures-per-address:30}") int maxFailuresPerAddress,
                  @Value("${platform.security.login.lock-time:5m}") Duration lockTime) {
        this.perUsernameAndAddress = new Buckets(maxFailures, lockTime);
        this.perAddress = new Buckets(maxFailuresPerAddress, lockTime);
    }

    /** How long password checks for this username from this address are refused, if they are; takes nothing. */
    Optional<Duration> lockedFor(String username, String address) {
        return perAddress.emptyFor(address).or(() -> perUsernameAndAddress.emptyFor(pair(username, address)));
    }

    /** Takes a try for a password check; when none is left, how long until there is. */
    Optional<Duration> attempt(String username, String address) {
        Optional<Duration> refused = perAddress.take(address);
        if (refused.isPresent()) {
            return refused;
        }
        refused = perUsernameAndAddress.take(pair(username, address));
        if (refused.isPresent()) {
            perAddress.giveBack(address);
        }
        return refused;
    }

    /** The password was right: the username's tries from this address are full again. */
    void succeeded(String username, String address) {
        perUsernameAndAddress.fill(pair(username, address));
    }

    /** The try taken for a password check that succeeded goes back to the address. */
    void succeededAfterAttempt(String username, String address) {
        perAddress.giveBack(address);
        succeeded(username, address);
    }

    private static String pair(String username, String address) {
        return username + "\n" + address;
    }
}
