package community.platform.api.notices;

import community.platform.api.web.LocalTime;
import community.platform.shared.notices.Notice;

import java.time.OffsetDateTime;
import java.util.Map;

/** Subject and body in English; kind and args name the same for other languages (null on older notices). */
public record NoticeResponse(String id, OffsetDateTime createdAt, String subject, String body, boolean read,
                             String kind, Map<String, String> args) {
    static NoticeResponse of(Notice notice) {
        return new NoticeResponse(notice.id(), LocalTime.of(notice.createdAt()), notice.subject(), notice.body(),
                                  notice.read(), notice.kind(), notice.args());
    }
}
