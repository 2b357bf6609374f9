package community.platform.api.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** Too many failed logins for this username: answered with 429 and Retry-After. */
class LoginLockedException extends AuthenticationException {

    private final transient Duration retryAfter;

    LoginLockedException(Duration retryAfter) {
        super("Too many failed logins; try again later");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
