package community.platform.command.handling;

import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryTest {

    @Test
    void aCommandThatLostARaceIsRetried() {
        assertThat(CommandHandlingConfiguration.lostARace(new ConcurrencyException("post-1 moved on"))).isTrue();
        assertThat(CommandHandlingConfiguration.lostARace(
                new IllegalStateException(new ConcurrencyException("wrapped")))).isTrue();
    }

    @Test
    void aBrokenRuleOrATakenIdIsNotRetried() {
        assertThat(CommandHandlingConfiguration.lostARace(new CommandExecutionException(
                "full", null, new RuleViolation(ErrorCode.POST_NOT_OPEN, "cancelled", null)))).isFalse();
        assertThat(CommandHandlingConfiguration.lostARace(new AggregateStreamCreationException("taken"))).isFalse();
    }
}
