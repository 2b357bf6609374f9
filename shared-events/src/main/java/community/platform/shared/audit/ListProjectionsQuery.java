package community.platform.shared.audit;

/** Answered with a {@link ProjectionStatus} per event processor. */
public record ListProjectionsQuery() {
}
