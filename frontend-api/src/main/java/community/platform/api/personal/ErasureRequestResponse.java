package community.platform.api.personal;

import community.platform.api.web.LocalTime;
import community.platform.shared.personal.ErasureRequestSummary;
import community.platform.shared.personal.ErasureStatus;

import java.time.OffsetDateTime;

/**
 * One request in the ADMINs' queue: {@code subject} is the username whose data is to go. The decision's fields are
 * absent until it is decided; {@code refusalReason} only on a refusal.
 */
public record ErasureRequestResponse(String requestId, String subject, String requestedBy, OffsetDateTime requestedAt,
                                     ErasureStatus status, String decidedBy, OffsetDateTime decidedAt,
                                     String refusalReason) {

    static ErasureRequestResponse of(ErasureRequestSummary request) {
        return new ErasureRequestResponse(request.requestId(), request.subject(), request.requestedBy(),
                                          LocalTime.of(request.requestedAt()), request.status(), request.decidedBy(),
                                          LocalTime.of(request.decidedAt()), request.refusalReason());
    }
}
