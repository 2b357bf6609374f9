package community.platform.shared.notices;

import org.axonframework.serialization.Revision;

@Revision("1")
public record NoticeReadEvent(String inboxId, String recipient, String noticeId) {
}
