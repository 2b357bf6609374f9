package community.platform.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows down password guessing without letting a stranger lock anyone out. Two Bucket4j buckets per client address
 * (an IPv6 client's whole /64, {@link community.platform.api.web.ClientAddress#forLimits}):
 * <ul>
 * <li>for a username from that address, {@code max-failures} failed checks per {@code lock-time}; a right password
 * fills it again;</li>
 * <li>for the address, whatever the username, {@code max-failures-per-address} checks per {@code lock-time}, taken
 * before the check (so that many guesses at once cannot all slip through while the first are being checked) and given
 * back when the password was right.</li>
 * </ul>
 * So guesses at {@code admin} from one address hold back that address only; the admin signs in from their own.
 * Unknown usernames are counted alike, so the answer tells nothing about which exist. Kept per instance: behind a
 * load balancer each instance counts on its own.
 */
@Component
class LoginThrottle {

    private final Buckets failuresPerUsernameAndAddress;
    private final Buckets checksPerAddress;

    LoginThrottle(@Value("${platform.security.login.max-failures:5}") int maxFailures,
                  @Value("${platform.security.login.max-failures-per-address:30}") int maxFailuresPerAddress,
                  @Value("${platform.security.login.lock-time:5m}") Duration lockTime) {
        this.failuresPerUsernameAndAddress = new Buckets(maxFailures, lockTime);
        this.checksPerAddress = new Buckets(maxFailuresPerAddress, lockTime);
    }

    /** How long password checks for this username from this address are refused, if they are; takes nothing. */
    Optional<Duration> lockedFor(String username, String address) {
        return checksPerAddress.emptyFor(address)
                               .or(() -> failuresPerUsernameAndAddress.emptyFor(pair(username, address)));
    }

    /** Takes a check for the address, before a password is checked; when none is left, how long until there is. */
    Optional<Duration> attempt(String address) {
        return checksPerAddress.take(address);
    }

    /** The password was wrong (the account may not exist). */
    void failed(String username, String address) {
        failuresPerUsernameAndAddress.take(pair(username, address));
    }

    /** The password was right: the username's tries from this address are full again. */
    void succeeded(String username, String address) {
        failuresPerUsernameAndAddress.fill(pair(username, address));
    }

    /** The check taken for a password that was not checked after all (the checks were busy) goes back. */
    void notChecked(String address) {
        checksPerAddress.giveBack(address);
    }

    /** The check taken for a password that was right goes back to the address. */
    void succeededAfterAttempt(String username, String address) {
        checksPerAddress.giveBack(address);
        succeeded(username, address);
    }

    private static String pair(String username, String address) {
        return username + "\n" + address;
    }
}
