package community.platform.api.personal;

import community.platform.shared.personal.ErasureStatus;

/** {@code {requestId, status}}: where an erasure request stands after the caller's step. */
public record ErasureAnswer(String requestId, ErasureStatus status) {
}
