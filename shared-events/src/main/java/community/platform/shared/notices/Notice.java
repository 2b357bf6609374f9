package community.platform.shared.notices;

import java.time.Instant;
import java.util.Map;

/**
 * A notice to one recipient. Subject and body are in English; {@code kind} ({@code seat}, {@code place},
 * {@code childSeat}, {@code rescheduled}, {@code cancelled}) and its named {@code args} let a page say the same in
 * another language. Both are null for notices stored before they existed.
 */
public record Notice(String id, String recipient, Instant createdAt, String subject, String body, boolean read,
                     String kind, Map<String, String> args) {
}
