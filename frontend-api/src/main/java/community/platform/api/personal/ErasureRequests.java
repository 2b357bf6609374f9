package community.platform.api.personal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The request bodies of the erasure endpoints (docs/api.md), which the pages' forms send too. */
public final class ErasureRequests {

    private ErasureRequests() {
    }

    /** The resident's reason, if they give one, is their own and is erased with the rest. */
    @Schema(name = "ErasureRequest")
    public record Ask(@Size(max = 500, message = "at most 500 characters") String reason) {

        @Override
        public String toString() {
            return "Ask[reason withheld]";
        }
    }

    /** Why the records must be kept; it stays with the decision. */
    @Schema(name = "ErasureRefusal")
    public record Refuse(@NotBlank @Size(max = 500, message = "at most 500 characters") String reason) {
    }
}
