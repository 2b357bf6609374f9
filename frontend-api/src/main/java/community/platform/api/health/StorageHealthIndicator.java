package community.platform.api.health;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** UP while the platform's MongoDB answers a ping. */
@Component("storage")
class StorageHealthIndicator implements ReactiveHealthIndicator {

    private final MongoDatabase database;

    StorageHealthIndicator(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Mono<Health> health() {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                   .map(answer -> Health.up().withDetail("database", database.getName()).build())
                   .timeout(Duration.ofSeconds(3))
                   .onErrorResume(e -> Mono.just(Health.down(e).build()));
    }
}
