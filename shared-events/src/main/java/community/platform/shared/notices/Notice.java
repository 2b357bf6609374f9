package community.platform.shared.notices;

import java.time.Instant;

public record Notice(String id, String recipient, Instant createdAt, String subject, String body, boolean read) {
}
