package community.platform.shared.audit;

/** Answered with an {@link IntegrityReport} over every stream's hash chain. */
public record CheckIntegrityQuery() {
}
