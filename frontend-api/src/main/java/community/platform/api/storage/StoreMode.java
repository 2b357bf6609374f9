package community.platform.api.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar community-platform-exec.jar store}: only the embedded MongoDB wire-protocol server, with its data
 * under {@code PLATFORM_DATA_DIR}, on {@code PLATFORM_STORE_HOST:PLATFORM_STORE_PORT} (127.0.0.1:27017). Several
 * platform instances share it with {@code MONGODB_URI=mongodb://127.0.0.1:27017/platform}, as they would share a
 * MongoDB replica set. It stops on SIGTERM or Ctrl-C, after its last commit.
 * <p>
 * Deliberately not a {@code @Configuration}: the platform's component scan must not start a second server.
 */
public class StoreMode {

    private static final Logger log = LoggerFactory.getLogger(StoreMode.class);

    @Bean(destroyMethod = "close")
    EmbeddedStore standaloneStore(@Value("${PLATFORM_DATA_DIR:./data}") Path dataDirectory,
                                  @Value("${platform.store.host:127.0.0.1}") String host,
                                  @Value("${platform.store.port:27017}") int port) {
        EmbeddedStore store = EmbeddedStore.onDisk(dataDirectory, host, port);
        log.info("Store: embedded MongoDB wire-protocol server at {}, {}. Start platform instances with"
                 + " MONGODB_URI={}/platform", store.connectionString(), store.description(), store.connectionString());
        return store;
    }

    public static void run(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(StoreMode.class).web(WebApplicationType.NONE).run(args);
        new CountDownLatch(1).await();
    }
}
