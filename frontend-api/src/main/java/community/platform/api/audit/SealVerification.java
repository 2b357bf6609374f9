package community.platform.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /api/audit/seal/verify}: whether the digest is the seal of the log up to the position. For a seal taken
 * before the store's personal data was encrypted in place, {@code resealedAt} and {@code digestAfter} say what the
 * answer rests on: the digest the log gave at that position just after the step, which a seal kept since must match.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SealVerification(long position, boolean verified,
                               @Schema(description = "Verified through the re-sealing step that ended at this position")
                               Long resealedAt,
                               @Schema(description = "The digest at resealedAt after the step: check it against a seal"
                                                     + " kept since")
                               String digestAfter) {
}
