package community.platform.command.handling;

import community.platform.shared.RuleViolation;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/**
 * How commands are handled: rule violations travel back as {@link RuleViolation} details, a command that lost a race
 * on its aggregate is retried a few times, and the caller's identity is copied from the command onto its events.
 */
@Configuration
public class CommandHandlingConfiguration {

    /** The metadata keys that say who did something; every event carries them for the auditors. */
    public static final String[] ACTOR_KEYS = {"actor", "actorRoles", "correlationId", "clientAddress"};

    /** A command that lost a race on its record is tried again ({@link RaceRetryScheduler}). */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus,
                                         @Value("${platform.commands.max-retries:8}") int maxRetries) {
        commandBus.registerHandlerInterceptor(new RuleViolationInterceptor());
        return DefaultCommandGateway.builder()
                                    .commandBus(commandBus)
                                    .retryScheduler(new RaceRetryScheduler(maxRetries, 20))
                                    .build();
    }

    /** Who acted, copied onto every event (the client address is stored encrypted: see PersonalMetaData). */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ACTOR_KEYS);
    }

    static class RuleViolationInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            try {
                return chain.proceed();
            } catch (RuleViolatedException e) {
                throw new CommandExecutionException(e.getMessage(), null, new RuleViolation(e.code(), e.getMessage(),
                                                                                            e.subject()));
            }
        }
    }
}
