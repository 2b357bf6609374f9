package community.platform.shared.audit;

/** Answered with a {@link Seal} at the given global position (the head when null). */
public record SealQuery(Long position) {
}
