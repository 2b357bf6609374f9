package community.platform.command.handling;

import community.platform.shared.ErrorCode;

/** A command broke a business rule. Carries the rule's code; the command bus turns it into a {@code RuleViolation}. */
public class RuleViolatedException extends RuntimeException {

    private final ErrorCode code;

    public RuleViolatedException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
