package community.platform.api.audit;

/** {@code GET /api/audit/seal/verify}: whether the digest is the seal of the log up to the position. */
public record SealVerification(long position, boolean verified) {
}
