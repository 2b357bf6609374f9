package community.platform.shared.personal;

/** Answered with every {@link ErasureRequestSummary}, oldest first. */
public record ListErasureRequestsQuery() {
}
