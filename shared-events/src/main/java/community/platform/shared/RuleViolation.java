package community.platform.shared;

/**
 * The details a rejected command carries back to its sender (in {@code CommandExecutionException.getDetails()}), so
 * that a local and a distributed command bus answer alike. {@code subject} names the other record involved, if any
 * (for an overlap, the post it overlaps).
 */
public record RuleViolation(ErrorCode code, String detail, String subject) {
}
