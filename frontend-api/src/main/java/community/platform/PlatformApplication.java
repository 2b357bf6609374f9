package community.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The platform: HTTP API and wiring here; the command side and the query side join at runtime. */
@SpringBootApplication
@EnableScheduling
public class PlatformApplication {

    public static void main(String[] args) {
        // These machines have no internet access, and a deployment should not call home either.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(PlatformApplication.class, args);
    }
}
