package community.platform.query.notices;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.Notice;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices sent through the channel, with the inbox beside them as in the notices' processor (delivery first): each
 * once, none again for an event handled twice, none on a replay, none before the batch commits.
 */
class NoticeDeliveryTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");
    private static final Instant MOVED = STARTS.plus(Duration.ofDays(1));
    private static final List<VolunteerPostEvent> HISTORY = List.of(
            new VolunteerPostPublishedEvent("post-1", "zhang", "Park clean-up", "", "green", "East Park", STARTS,
                                            STARTS.plus(Duration.ofHours(2)), 1, null, List.of()),
            new VolunteerSignedUpEvent("post-1", "lihua", "Li Hua", 1, 0),
            new VolunteerWaitlistedEvent("post-1", "wang", "Wang", 1, 1, 1),
            new VolunteerWaitlistedEvent("post-1", "zhao", "Zhao", 1, 1, 2),
            new SignUpWithdrawnEvent("post-1", "lihua", true),
            new VolunteerPromotedEvent("post-1", "wang", 1, 0, 1),
            new VolunteerPostRescheduledEvent("post-1", STARTS, STARTS.plus(Duration.ofHours(2)), MOVED,
                                              MOVED.plus(Duration.ofHours(2)), "rain"),
            new VolunteerPostCancelledEvent("post-1", "storm"));
    private static final List<String> SENT = List.of(
            "wang: You have a seat: Park clean-up",
            "wang: Rescheduled: Park clean-up", "zhao: Rescheduled: Park clean-up",
            "wang: Cancelled: Park clean-up", "zhao: Cancelled: Park clean-up");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final List<String> sent = new ArrayList<>();
    private final NoticeProjection inbox = new NoticeProjection(mongo.database(),
                                                                SimpleQueryUpdateEmitter.builder().build());
    private final NoticeDelivery delivery = new NoticeDelivery(
            mongo.database(), (recipient, subject, body) -> sent.add(recipient + ": " + subject));
    /** In the processor's order. */
    private final List<AnnotationEventHandlerAdapter> handlers = List.of(new AnnotationEventHandlerAdapter(delivery),
                                                                         new AnnotationEventHandlerAdapter(inbox));

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static EventMessage<?> message(int sequence, boolean replay) {
        TrackingToken at = new GlobalSequenceTrackingToken(sequence);
        TrackingToken token = replay ? ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(1000), at) : at;
        return new GenericTrackedDomainEventMessage<>(token, new GenericDomainEventMessage<>(
                "VolunteerPost", "post-1", sequence, HISTORY.get(sequence), MetaData.emptyInstance(),
                "event-" + sequence, STARTS.minus(Duration.ofDays(30)).plusSeconds(sequence)));
    }

    private void handle(EventMessage<?> message) throws Exception {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            if (handler.canHandle(message)) {
                handler.handle(message);
            }
        }
    }

    private void handleAll(boolean replay) throws Exception {
        for (int seq = 0; seq < HISTORY.size(); seq++) {
            handle(message(seq, replay));
        }
    }

    private List<Notice> notices(String recipient) {
        return Mono.fromFuture(() -> inbox.handle(new FindNoticesQuery(recipient))).block();
    }

    @Test
    void eachNoticeTheInboxStoresIsSentOnceToItsRecipient() throws Exception {
        handleAll(false);

        assertThat(sent).containsExactlyElementsOf(SENT);
        assertThat(notices("wang")).hasSize(3);
        assertThat(notices("lihua")).isEmpty();
    }

    @Test
    void theProcessorHandsEachEventToTheDeliveryBeforeTheInbox() {
        // Axon's Spring configuration registers a group's handlers in the order of their @Order
        assertThat(OrderUtils.getOrder(NoticeDelivery.class, Ordered.LOWEST_PRECEDENCE))
                .isLessThan(OrderUtils.getOrder(NoticeProjection.class, Ordered.LOWEST_PRECEDENCE));
    }

    @Test
    void anEventHandledAgainSendsNothingMore() throws Exception {
        handleAll(false);

        handleAll(false);

        assertThat(sent).containsExactlyElementsOf(SENT);
    }

    @Test
    void aReplayRebuildsTheInboxAndSendsNothing() throws Exception {
        handleAll(false);
        List<Notice> live = notices("zhao");
        inbox.reset();

        handleAll(true);

        assertThat(sent).containsExactlyElementsOf(SENT);
        assertThat(notices("zhao")).isEqualTo(live);
        // a processor of the delivery alone could not be reset: there is nothing of it to rebuild
        assertThat(handlers.get(0).supportsReset()).isFalse();
    }

    @Test
    void aNoticeIsSentOnlyOnceItsBatchHasCommitted() throws Exception {
        for (int seq = 0; seq < 6; seq++) {
            handle(message(seq, false));
        }
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(message(6, false));
        handle(message(6, false));

        assertThat(sent).containsExactly("wang: You have a seat: Park clean-up");
        batch.commit();
        assertThat(sent).containsExactlyElementsOf(SENT.subList(0, 3));
        assertThat(notices("zhao")).hasSize(1);
    }

    @Test
    void aBatchRolledBackSendsNothingAndItsRetrySendsOnce() throws Exception {
        for (int seq = 0; seq < 6; seq++) {
            handle(message(seq, false));
        }
        UnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(message(6, false));
        handle(message(6, false));
        failed.rollback();

        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(message(6, false));
        handle(message(6, false));
        retry.commit();

        assertThat(sent).containsExactlyElementsOf(SENT.subList(0, 3));
    }
}
