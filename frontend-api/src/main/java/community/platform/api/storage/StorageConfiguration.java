package community.platform.api.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * One MongoDB for events, tokens and views: the one {@code MONGODB_URI} names, or else the embedded wire-protocol
 * server started here with its data under {@code PLATFORM_DATA_DIR}. The blocking driver serves Axon's storage
 * interfaces, the Reactive Streams driver the views; both use the same connection string.
 */
@Configuration
public class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);
    static final String DEFAULT_DATABASE = "platform";

    /** Where the platform's MongoDB is, and the embedded server if the platform runs it. */
    record PlatformStore(ConnectionString connectionString, String databaseName, EmbeddedStore embedded,
                         Duration timeout) implements AutoCloseable {

        /**
         * Write concern majority on a real MongoDB unless the URI says otherwise. When the store cannot be reached, an
         * operation fails after {@code timeout} (finding a server, connecting) or six times that (waiting for an
         * answer), so requests end in a 503 rather than hanging. Each command's time is a metric
         * ({@code mongodb.driver.commands}).
         */
        MongoClientSettings settings(MeterRegistry metrics) {
            MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString)
                                                                      .addCommandListener(
                                                                              new MongoMetricsCommandListener(metrics));
            if (embedded == null && connectionString.getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY);
            }
            long millis = timeout.toMillis();
            return settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, MILLISECONDS))
                           .applyToSocketSettings(socket -> socket.connectTimeout((int) millis, MILLISECONDS)
                                                                  .readTimeout((int) millis * 6, MILLISECONDS))
                           .build();
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    PlatformStore platformStore(@Value("${MONGODB_URI:}") String uri,
                                @Value("${PLATFORM_DATA_DIR:./data}") Path dataDirectory,
                                @Value("${platform.store.host:127.0.0.1}") String host,
                                @Value("${platform.store.port:0}") int port,
                                @Value("${platform.store.in-memory:false}") boolean inMemory,
                                @Value("${platform.store.timeout:5s}") Duration timeout) {
        if (!uri.isBlank()) {
            ConnectionString connectionString = new ConnectionString(uri);
            String database = connectionString.getDatabase() == null ? DEFAULT_DATABASE
                                                                     : connectionString.getDatabase();
            log.info("Storage: MongoDB at {}, database '{}' (MONGODB_URI)", connectionString.getHosts(), database);
            return new PlatformStore(connectionString, database, null, timeout);
        }
        EmbeddedStore embedded = inMemory ? EmbeddedStore.inMemory(host, port)
                                          : EmbeddedStore.onDisk(dataDirectory, host, port);
        log.info("Storage: embedded MongoDB wire-protocol server at {}, {} (set MONGODB_URI to use a MongoDB)",
                 embedded.connectionString(), embedded.description());
        return new PlatformStore(new ConnectionString(embedded.connectionString()), DEFAULT_DATABASE, embedded,
                                 timeout);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(PlatformStore store, MeterRegistry metrics) {
        return MongoClients.create(store.settings(metrics));
    }

    @Bean(destroyMethod = "close")
    com.mongodb.reactivestreams.client.MongoClient reactiveMongoClient(PlatformStore store, MeterRegistry metrics) {
        return com.mongodb.reactivestreams.client.MongoClients.create(store.settings(metrics));
    }

    @Bean
    MongoDatabase platformDatabase(MongoClient client, PlatformStore store) {
        return client.getDatabase(store.databaseName());
    }

    @Bean
    com.mongodb.reactivestreams.client.MongoDatabase platformViewDatabase(
            com.mongodb.reactivestreams.client.MongoClient client, PlatformStore store) {
        return client.getDatabase(store.databaseName());
    }
}
