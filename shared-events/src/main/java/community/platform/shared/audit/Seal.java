package community.platform.shared.audit;

import java.time.Instant;

/**
 * A digest over the head of every stream as of a global position, each head's hash recomputed from the stored
 * content: kept outside the platform, it later shows whether the history up to that position has changed.
 */
public record Seal(long position, String digest, long streams, Instant sealedAt) {
}
