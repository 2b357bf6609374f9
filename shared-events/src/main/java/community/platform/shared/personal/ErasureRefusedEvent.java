package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

/** An ADMIN refused an erasure, with the reason the law allows (records that must be kept). */
@Revision("1")
public record ErasureRefusedEvent(String requestId, String refusedBy, String reason) {
}
