package community.platform.api.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** Too many password checks running and waiting on this instance: answered with 503 and Retry-After. */
class SignInBusyException extends AuthenticationException {

    private final transient Duration retryAfter;

    SignInBusyException(Duration retryAfter) {
        super("Too many sign-ins being checked; try again shortly");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
