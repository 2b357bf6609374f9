package community.platform.shared.personal;

/** Answered with an optional {@link ErasureRequestSummary}. */
public record FindErasureRequestQuery(String requestId) {
}
