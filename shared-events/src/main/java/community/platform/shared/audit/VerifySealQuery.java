package community.platform.shared.audit;

/** Answered with true when the history up to {@code position} still gives {@code digest}. */
public record VerifySealQuery(long position, String digest) {
}
