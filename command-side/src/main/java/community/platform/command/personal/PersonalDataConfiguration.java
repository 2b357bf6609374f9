package community.platform.command.personal;

import community.platform.command.eventstore.personal.PersonalKeys;
import com.mongodb.client.MongoDatabase;
import community.platform.command.courses.Guardianship;
import community.platform.command.eventstore.TypedRepositories;
import community.platform.command.handling.OwnCommits;
import community.platform.command.handling.ProcessesConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.crypto.SecretKey;
import java.time.Period;

/**
 * Personal data's keys and children's ids, both under the server secret, and the repositories of erasure requests and
 * of auditors' looks at personal data (each in its own stream).
 */
@Configuration
public class PersonalDataConfiguration {

    /**
     * Personal data keys, kept under the server secret: without one (a store in memory, a test) under a key made for
     * this process, so that nothing is ever stored in plain text.
     */
    @Bean
    public PersonalKeys personalKeys(MongoDatabase platformDatabase, ObjectProvider<SecretKey> serverSecret) {
        SecretKey secret = serverSecret.getIfAvailable();
        return new PersonalKeys(platformDatabase.getCollection("personalKeys"),
                                secret != null ? secret.getEncoded() : PersonalKeys.processKey());
    }

    @Bean
    public ChildIds childIds(PersonalKeys personalKeys) {
        return personalKeys.childIds();
    }

    @Bean
    public Repository<ErasureRequest> erasureRequestRepository(TypedRepositories repositories) {
        return repositories.of(ErasureRequest.class);
    }

    @Bean
    ErasureRequests erasureRequests(Repository<ErasureRequest> erasureRequestRepository, PersonalKeys personalKeys,
                                    Guardianship guardianship,
                                    Repository<ChildDataRetention> childDataRetentionRepository) {
        return new ErasureRequests(erasureRequestRepository, personalKeys, guardianship,
                                   childDataRetentionRepository);
    }

    @Bean
    public Repository<ChildDataRetention> childDataRetentionRepository(TypedRepositories repositories) {
        return repositories.of(ChildDataRetention.class);
    }

    /** {@code platform.personal-data.child-retention}: how long after a course completes its children's data stays. */
    @Bean
    ChildRetention childRetention(OwnCommits ownCommits, ChildIds childIds,
                                  @Value("${platform.personal-data.child-retention:P12M}") Period retention) {
        return new ChildRetention(ownCommits, childIds, retention);
    }

    @Bean
    public ConfigurerModule childRetentionSendsCommands(Environment environment) {
        return ProcessesConfiguration.sendingCommands(ChildRetention.GROUP, environment);
    }

    @Bean
    KeyShredder keyShredder(PersonalKeys personalKeys) {
        return new KeyShredder(personalKeys);
    }

    @Bean
    public Repository<PersonalDataAccess> personalDataAccessRepository(TypedRepositories repositories) {
        return repositories.of(PersonalDataAccess.class);
    }
}
