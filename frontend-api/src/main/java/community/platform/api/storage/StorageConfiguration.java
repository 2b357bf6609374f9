package community.platform.api.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

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

    /**
     * This instance among those sharing the store: the owner of its segment claims and of its entry in
     * {@code platformInstances}. On an embedded store on disk, which one process at a time can open, it is the store's
     * file on this host, the same at every start: a start after a {@code kill -9} finds the claims and the entry of
     * the process before as its own, and takes them over at once rather than after the claim timeout. Otherwise (a
     * MongoDB that several instances may share) the JVM's pid@host and a random part, for two instances in one JVM
     * (as in tests).
     */
    @Bean
    String platformInstanceId(PlatformStore store) {
        String pidAtHost = ManagementFactory.getRuntimeMXBean().getName();
        return Optional.ofNullable(store.embedded()).flatMap(EmbeddedStore::file)
                       .map(file -> pidAtHost.substring(pidAtHost.indexOf('@') + 1) + ":" + file)
                       .orElse(pidAtHost + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * The embedded store's acknowledged writes and the commits that held them ({@code platform.store.writes},
     * {@code platform.store.commits}): their ratio is how many writes a commit holds on average.
     */
    @Bean
    MeterBinder embeddedStoreCommits(PlatformStore store) {
        return registry -> Optional.ofNullable(store.embedded()).flatMap(EmbeddedStore::commits).ifPresent(commits -> {
            FunctionCounter.builder("platform.store.writes", commits, GroupCommit::writes)
                           .description("writes to the embedded store that waited for a commit")
                           .register(registry);
            FunctionCounter.builder("platform.store.commits", commits, GroupCommit::commits)
                           .description("commits of the embedded store's file, each holding one or more writes")
                           .register(registry);
        });
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
