package community.platform.api.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

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
    record PlatformStore(ConnectionString connectionString, String databaseName, EmbeddedStore embedded)
            implements AutoCloseable {

        MongoClientSettings settings() {
            MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString);
            if (embedded == null && connectionString.getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY);
            }
            return settings.build();
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
                                @Value("${platform.store.in-memory:false}") boolean inMemory) {
        if (!uri.isBlank()) {
            ConnectionString connectionString = new ConnectionString(uri);
            String database = connectionString.getDatabase() == null ? DEFAULT_DATABASE
                                                                     : connectionString.getDatabase();
            log.info("Storage: MongoDB at {}, database '{}' (MONGODB_URI)", connectionString.getHosts(), database);
            return new PlatformStore(connectionString, database, null);
        }
        EmbeddedStore embedded = inMemory ? EmbeddedStore.inMemory(host, port)
                                          : EmbeddedStore.onDisk(dataDirectory, host, port);
        log.info("Storage: embedded MongoDB wire-protocol server at {}, {} (set MONGODB_URI to use a MongoDB)",
                 embedded.connectionString(), embedded.description());
        return new PlatformStore(new ConnectionString(embedded.connectionString()), DEFAULT_DATABASE, embedded);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(PlatformStore store) {
        return MongoClients.create(store.settings());
    }

    @Bean(destroyMethod = "close")
    com.mongodb.reactivestreams.client.MongoClient reactiveMongoClient(PlatformStore store) {
        return com.mongodb.reactivestreams.client.MongoClients.create(store.settings());
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
