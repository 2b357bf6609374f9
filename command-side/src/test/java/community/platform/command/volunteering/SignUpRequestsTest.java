package community.platform.command.volunteering;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.volunteering.DutySlotReservedEvent;
import community.platform.shared.volunteering.SignUpVolunteerCommand;
import community.platform.shared.volunteering.VolunteerPostCancelledEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/** A sign-up request, over a post and a schedule: the post's own rules first, then the hold is the request. */
class SignUpRequestsTest {

    private static final Instant NOW = Instant.parse("2027-01-18T02:00:00Z");
    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");
    private static final Instant ENDS = STARTS.plus(Duration.ofHours(3));
    private static final Instant DEADLINE = STARTS.minus(Duration.ofDays(1));

    private final Clock clockBefore = GenericEventMessage.clock;
    private EventStore store;
    private SignUpRequests requests;

    @BeforeEach
    void store() {
        GenericEventMessage.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        requests = new SignUpRequests(EventSourcingRepository.builder(VolunteerPost.class).eventStore(store).build(),
                                      EventSourcingRepository.builder(VolunteerSchedule.class).eventStore(store)
                                                             .build());
        given(new VolunteerPostPublishedEvent("post-1", "zhang", "Health safeguarding duty", "Temperature checks",
                                              "health safeguarding", "Central Square", STARTS, ENDS, 2, DEADLINE,
                                              List.of()));
    }

    @AfterEach
    void clock() {
        GenericEventMessage.clock = clockBefore;
    }

    @Test
    void aRequestHoldsThePostsOwnTitleAndTimesInTheVolunteersSchedule() {
        String requestId = signUp("lihua");

        assertThat(store.readEvents("schedule-lihua").asStream().<Object>map(e -> e.getPayload()).toList())
                .containsExactly(new DutySlotReservedEvent("schedule-lihua", "lihua", "post-1",
                                                           "Health safeguarding duty", STARTS, ENDS, requestId,
                                                           true));
        assertThat(store.readEvents("post-1").asStream().count()).as("nothing recorded on the post").isEqualTo(1);
    }

    @Test
    void aRequestThatOverlapsATimeHeldIsHeldToBeCheckedAgainInTheOrderOfTheLog() {
        store.publish(new GenericDomainEventMessage<>("VolunteerSchedule", "schedule-lihua", 0, new DutySlotReservedEvent(
                "schedule-lihua", "lihua", "post-0", "Park clean-up", STARTS.plus(Duration.ofHours(1)),
                ENDS.plus(Duration.ofHours(1)), "r0", true)));

        String requestId = signUp("lihua");

        assertThat(store.readEvents("schedule-lihua").asStream().<Object>map(e -> e.getPayload()).toList())
                .last().isEqualTo(new DutySlotReservedEvent("schedule-lihua", "lihua", "post-1",
                                                            "Health safeguarding duty", STARTS, ENDS, requestId,
                                                            false));
    }

    @Test
    void cannotSignUpTwiceForTheSamePost() {
        given(new VolunteerSignedUpEvent("post-1", "lihua", null, 2, 0, "r1"));

        assertRefused("lihua", ErrorCode.ALREADY_SIGNED_UP);
    }

    @Test
    void aCancelledPostRefusesSignUps() {
        given(new VolunteerPostCancelledEvent("post-1", "rain"));

        assertRefused("lihua", ErrorCode.POST_NOT_OPEN);
    }

    @Test
    void aPassedDeadlineRefusesSignUps() {
        GenericEventMessage.clock = Clock.fixed(DEADLINE.plusSeconds(1), ZoneOffset.UTC);

        assertRefused("lihua", ErrorCode.SIGN_UP_CLOSED);
    }

    @Test
    void aPostThatHasStartedRefusesSignUps() {
        GenericEventMessage.clock = Clock.fixed(STARTS, ZoneOffset.UTC);

        assertRefused("lihua", ErrorCode.SIGN_UP_CLOSED);
    }

    private void assertRefused(String volunteer, ErrorCode code) {
        assertThatThrownBy(() -> signUp(volunteer))
                .isInstanceOfSatisfying(RuleViolatedException.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThat(store.readEvents("schedule-" + volunteer).asStream().count()).isZero();
    }

    private long sequence;

    private void given(Object postEvent) {
        store.publish(new GenericDomainEventMessage<>("VolunteerPost", "post-1", sequence++, postEvent));
    }

    private String signUp(String volunteer) {
        SignUpVolunteerCommand command = new SignUpVolunteerCommand("post-1", volunteer);
        UnitOfWork<?> work = DefaultUnitOfWork.startAndGet(asCommandMessage(command));
        var result = work.executeWithResult(() -> requests.handle(command));
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        return (String) result.getPayload();
    }
}
