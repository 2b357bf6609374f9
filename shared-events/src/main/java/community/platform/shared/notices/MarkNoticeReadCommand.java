package community.platform.shared.notices;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks a notice read in its recipient's inbox ({@code inbox-<username>}). */
public record MarkNoticeReadCommand(@TargetAggregateIdentifier String inboxId, String recipient, String noticeId) {

    public static String inboxOf(String recipient) {
        return "inbox-" + recipient;
    }
}
