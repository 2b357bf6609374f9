package community.platform.command.handling;

import community.platform.shared.RuleViolation;
import community.platform.command.personal.PersonalFields;
import community.platform.command.personal.PersonalKeys;
import community.platform.shared.personal.Subjects;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * Who acted, copied onto every event; the client address is personal information, so it is stored encrypted under
     * the actor's key (a process's commands carry it sealed already, from the event they follow).
     */
    @Bean
    public CorrelationDataProvider actorCorrelation(PersonalKeys personalKeys) {
        CorrelationDataProvider actor = new SimpleCorrelationDataProvider(ACTOR_KEYS);
        return message -> {
            Map<String, Object> data = new HashMap<>(actor.correlationDataFor(message));
            if (data.get("clientAddress") instanceof String address && !PersonalFields.isSealed(address)
                    && data.get("actor") instanceof String who) {
                data.put("clientAddress", PersonalFields.seal(personalKeys, Subjects.person(who), address));
            }
            return data;
        };
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
