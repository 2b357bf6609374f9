package community.platform;

import community.platform.api.storage.StoreMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Arrays;

/** The platform: HTTP API and wiring here; the command side and the query side join at runtime. */
@SpringBootApplication
@EnableScheduling
public class PlatformApplication {

    /** With {@code store} as the first argument, runs only the embedded store, for several instances to share. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("store")) {
            StoreMode.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // These machines have no internet access, and a deployment should not call home either.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(PlatformApplication.class, args);
    }
}
