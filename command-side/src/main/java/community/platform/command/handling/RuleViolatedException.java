package community.platform.command.handling;

import community.platform.shared.ErrorCode;

/** A command broke a business rule. Carries the rule's code; the command bus turns it into a {@code RuleViolation}. */
public class RuleViolatedException extends RuntimeException {

    private final ErrorCode code;
    private final String subject;

    public RuleViolatedException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /** With the id of the other record involved, for callers that act on it. */
    public RuleViolatedException(ErrorCode code, String detail, String subject) {
        super(detail);
        this.code = code;
        this.subject = subject;
    }

    public ErrorCode code() {
        return code;
    }

    public String subject() {
        return subject;
    }
}
