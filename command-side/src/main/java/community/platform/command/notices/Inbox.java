package community.platform.command.notices;

import community.platform.shared.notices.MarkNoticeReadCommand;
import community.platform.shared.notices.NoticeReadEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** What a person has read of the notices sent to them; reading one twice records nothing new. */
@Aggregate
class Inbox {

    @AggregateIdentifier
    private String inboxId;
    private Set<String> read;

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MarkNoticeReadCommand command) {
        if (read == null || !read.contains(command.noticeId())) {
            apply(new NoticeReadEvent(command.inboxId(), command.recipient(), command.noticeId()));
        }
    }

    @EventSourcingHandler
    void on(NoticeReadEvent event) {
        inboxId = event.inboxId();
        if (read == null) {
            read = new HashSet<>();
        }
        read.add(event.noticeId());
    }

    Inbox() {
        // required by Axon
    }
}
