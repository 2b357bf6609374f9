package community.platform.shared.personal;

import java.time.Instant;

/**
 * An erasure request as the ADMINs' queue shows it. {@code subject} is the username whose data is to go, or for a
 * child "the child of" their guardian and the enrollment the guardian named;
 * {@code decidedBy}, {@code decidedAt} and (when refused) {@code refusalReason} are null until it is decided.
 */
public record ErasureRequestSummary(String requestId, ErasureSubject kind, String subject, String requestedBy,
                                    Instant requestedAt, ErasureStatus status, String decidedBy, Instant decidedAt,
                                    String refusalReason) {
}
