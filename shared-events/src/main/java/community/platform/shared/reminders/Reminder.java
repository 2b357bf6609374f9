package community.platform.shared.reminders;

import java.time.Instant;

/**
 * One reminder to one person through one channel: what is coming ({@code kind} DUTY, EVENT or SESSION, its title,
 * where and when; for a child's session, the child and the session's number), who is told and how to reach them, and
 * the key it is sent under, once ({@code id}, also its e-mail's Message-ID).
 */
public record Reminder(String id, Kind kind, String recordId, String title, String location, Instant startsAt,
                       Integer session, String child, String username, String email, String phone, String language) {

    public enum Kind {
        DUTY, EVENT, SESSION
    }
}
