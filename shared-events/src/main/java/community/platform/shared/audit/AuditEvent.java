package community.platform.shared.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as an auditor reads it: the record (stream) it belongs to, its place there and in the global log,
 * its type, when, who (the actor from its metadata), its payload and all its metadata.
 */
public record AuditEvent(String streamId, long sequence, Long position, String type, Instant timestamp, String actor,
                         Map<String, Object> payload, Map<String, Object> metadata) {
}
