package community.platform.api.security;

import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A sign-in refused for now, before any password was checked: answered with its problem and Retry-After. */
abstract class SignInRefusedException extends AuthenticationException {

    private final transient Duration retryAfter;

    SignInRefusedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }

    abstract ProblemDetail problem();
}
