package community.platform.api.web;

import community.platform.shared.ErrorCode;
import org.springframework.http.ProblemDetail;

/** An answer that is a problem, decided by the API itself (not by a command). */
public class ApiProblemException extends RuntimeException {

    private final transient ProblemDetail problem;

    public ApiProblemException(ProblemDetail problem) {
        super(problem.getDetail());
        this.problem = problem;
    }

    public ApiProblemException(ErrorCode code, String detail) {
        this(Problems.of(code, detail));
    }

    public ProblemDetail problem() {
        return problem;
    }
}
