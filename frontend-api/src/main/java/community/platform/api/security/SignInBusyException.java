package community.platform.api.security;

import community.platform.api.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.time.Duration;

/** Too many password checks running and waiting on this instance: answered with 503 and Retry-After. */
class SignInBusyException extends SignInRefusedException {

    SignInBusyException(Duration retryAfter) {
        super("Too many sign-ins being checked; try again shortly", retryAfter);
    }

    @Override
    ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "sign-in-busy", "Too many sign-ins at once",
                           "Too many sign-ins are being checked; try again in " + retryAfterSeconds() + " s");
    }
}
