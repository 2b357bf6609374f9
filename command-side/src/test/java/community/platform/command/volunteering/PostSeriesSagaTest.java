package community.platform.command.volunteering;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.volunteering.PostSeriesPublishedEvent.Occurrence;
import community.platform.shared.volunteering.PostSeriesPublishedEvent;
import community.platform.shared.volunteering.PublishVolunteerPostCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process that makes a series' posts: each occurrence published under its own id; made before (a second run after
 * a crash) or refused, it is passed over and the rest are still made; the process ends with its one step.
 */
class PostSeriesSagaTest {

    private static final Instant DAY_1 = Instant.parse("2027-02-06T01:00:00Z");
    private static final Instant DAY_8 = Instant.parse("2027-02-13T01:00:00Z");
    private static final Instant DAY_15 = Instant.parse("2027-02-20T01:00:00Z");
    private static final PostSeriesPublishedEvent SERIES = new PostSeriesPublishedEvent(
            "series-1", "zhang", "Duty", "Checks", "health", "Clinic", 4, "nb-donghu", "FREQ=WEEKLY;COUNT=3",
            List.of(new Occurrence("post-series-1-1", DAY_1, DAY_1.plusSeconds(7200)),
                    new Occurrence("post-series-1-2", DAY_8, DAY_8.plusSeconds(7200)),
                    new Occurrence("post-series-1-3", DAY_15, DAY_15.plusSeconds(7200))));

    private SagaTestFixture<PostSeriesSaga> fixture;
    private final Map<Object, RuntimeException> refusals = new HashMap<>();

    @BeforeEach
    void fixture() {
        fixture = new SagaTestFixture<>(PostSeriesSaga.class);
        fixture.registerResource(new OwnCommits(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus())
                                                                     .build(), Runnable::run));
        fixture.setCallbackBehavior((command, metaData) -> {
            RuntimeException refusal = refusals.get(command);
            if (refusal != null) {
                throw refusal;
            }
            return null;
        });
    }

    private static PublishVolunteerPostCommand post(int n, Instant startsAt) {
        return new PublishVolunteerPostCommand("post-series-1-" + n, "zhang", "Duty", "Checks", "health", "Clinic",
                                               startsAt, startsAt.plusSeconds(7200), 4, null, List.of(), "nb-donghu");
    }

    @Test
    void eachOccurrenceIsPublishedAsAPostAndTheProcessEnds() {
        fixture.givenNoPriorActivity()
               .whenAggregate("series-1").publishes(SERIES)
               .expectActiveSagas(0)
               .expectDispatchedCommands(post(1, DAY_1), post(2, DAY_8), post(3, DAY_15));
    }

    @Test
    void aPostMadeBeforeACrashOrRefusedIsPassedOverAndTheRestAreStillMade() {
        refusals.put(post(1, DAY_1), new AggregateStreamCreationException("post-series-1-1 exists"));
        refusals.put(post(2, DAY_8), new CommandExecutionException("The post must start in the future", null,
                                                                   new RuleViolation(ErrorCode.INVALID_SCHEDULE,
                                                                                     "The post must start in the future",
                                                                                     null)));
        fixture.givenNoPriorActivity()
               .whenAggregate("series-1").publishes(SERIES)
               .expectActiveSagas(0)
               .expectDispatchedCommands(post(1, DAY_1), post(2, DAY_8), post(3, DAY_15));
    }
}
