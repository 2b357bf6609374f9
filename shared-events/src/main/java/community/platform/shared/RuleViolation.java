package community.platform.shared;

/**
 * The details a rejected command carries back to its sender (in {@code CommandExecutionException.getDetails()}), so
 * that a local and a distributed command bus answer alike.
 */
public record RuleViolation(ErrorCode code, String detail) {
}
