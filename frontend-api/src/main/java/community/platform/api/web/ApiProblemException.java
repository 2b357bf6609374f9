package community.platform.api.web;

import community.platform.shared.ErrorCode;
import org.springframework.http.ProblemDetail;

import java.util.Map;

/** An answer that is a problem, decided by the API itself (not by a command). */
public class ApiProblemException extends RuntimeException {

    private final transient ProblemDetail problem;
    private final transient Map<String, String> headers;

    public ApiProblemException(ProblemDetail problem) {
        this(problem, Map.of());
    }

    /** A problem answered with these headers as well (a {@code Retry-After}). */
    public ApiProblemException(ProblemDetail problem, Map<String, String> headers) {
        super(problem.getDetail());
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ApiProblemException(ErrorCode code, String detail) {
        this(Problems.of(code, detail));
    }

    public ProblemDetail problem() {
        return problem;
    }

    Map<String, String> headers() {
        return headers;
    }
}
