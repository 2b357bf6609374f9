package community.platform.command.handling;

import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RaceRetrySchedulerTest {

    private final RaceRetryScheduler scheduler = new RaceRetryScheduler(3, 1);

    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            @SuppressWarnings("unchecked")
            Class<? extends Throwable>[] chain = new Class[]{ConcurrencyException.class};
            failures.add(chain);
        }
        return failures;
    }

    @Test
    void aLostRaceIsTriedAgainThoughItsCauseIsAStoreError() throws InterruptedException {
        // As the event store reports it: the duplicate-key error of the store under the ConcurrencyException.
        RuntimeException race = new ConcurrencyException("sequence 4 was already inserted",
                                                         new MongoWriteException(new WriteError(11000, "E11000 duplicate key", new BsonDocument()),
                                                                                 new ServerAddress()));
        CountDownLatch dispatched = new CountDownLatch(1);

        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("sign up"), race, failures(1),
                                           dispatched::countDown)).isTrue();
        assertThat(dispatched.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBrokenRuleOrATakenIdIsNotTriedAgain() {
        RuntimeException rule = new CommandExecutionException(
                "full", null, new RuleViolation(ErrorCode.POST_NOT_OPEN, "cancelled", null));
        RuntimeException taken = new AggregateStreamCreationException("taken");

        for (RuntimeException failure : List.of(rule, taken)) {
            assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("sign up"), failure,
                                               failures(1), () -> { })).isFalse();
        }
    }

    /** As Axon reports a creating command on an id that is taken: the store's lost race under it. */
    @Test
    void aRecordCreatedFirstIsTriedOnceMoreNotUntilTheLimit() {
        RuntimeException createdFirst = new AggregateStreamCreationException(
                "Cannot reuse aggregate identifier [root]", new ConcurrencyException("Another commit was stored first"));

        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("register"), createdFirst,
                                           failures(1), () -> { })).isTrue();
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("register"), createdFirst,
                                           failures(2), () -> { })).isFalse();
    }

    @Test
    void aRaceLostMoreOftenThanTheLimitIsFinal() {
        RuntimeException race = new ConcurrencyException("lost again");

        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("sign up"), race, failures(4),
                                           () -> { })).isFalse();
    }
}
