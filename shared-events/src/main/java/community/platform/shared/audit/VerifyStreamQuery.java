package community.platform.shared.audit;

/** Answered with a {@link StreamVerification} of the hash chain of the record with this id. */
public record VerifyStreamQuery(String streamId) {
}
