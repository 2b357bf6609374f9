package community.platform.command.eventstore;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The platform's event store: {@link MongoEventStorageEngine} under Axon's embedded event store. */
@Configuration
public class EventStoreConfiguration {

    @Bean
    public MongoEventStorageEngine eventStorageEngine(MongoDatabase platformDatabase,
                                                 org.axonframework.config.Configuration axon,
                                                 @Value("${platform.event-store.gap-timeout:60s}") Duration gapTimeout,
                                                 @Value("${platform.event-store.batch-size:64}") int batchSize) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                                                                .database(platformDatabase)
                                                                .upcasterChain(axon.upcasterChain())
                                                                .gapTimeout(gapTimeout)
                                                                .batchSize(batchSize)
                                                                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    public HashChains hashChains(MongoEventStorageEngine engine) {
        return new HashChains(engine);
    }
}
