package community.platform.api.security;

import community.platform.api.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.time.Duration;

/** Too many failed logins for this username: answered with 429 and Retry-After. */
class LoginLockedException extends SignInRefusedException {

    LoginLockedException(Duration retryAfter) {
        super("Too many failed logins; try again later", retryAfter);
    }

    @Override
    ProblemDetail problem() {
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "login-locked", "Too many failed logins",
                           "Too many failed logins from your address; try again in " + retryAfterSeconds() + " s");
    }
}
