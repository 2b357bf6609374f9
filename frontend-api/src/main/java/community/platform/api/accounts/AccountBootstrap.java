package community.platform.api.accounts;

import community.platform.api.demo.DemoRecords;
import community.platform.api.health.ReadyReport;
import community.platform.api.security.Usernames;
import community.platform.api.web.ApiProblemException;
import community.platform.shared.ErrorCode;
import community.platform.shared.accounts.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * At start-up: the first ADMIN from {@code PLATFORM_ADMIN_USERNAME} and {@code PLATFORM_ADMIN_PASSWORD} (created
 * only if that account does not exist; there is no default password), and with {@code PLATFORM_DEMO=true} one demo
 * account per role, whose generated passwords are printed once, when the start that created them is ready
 * ({@link ReadyReport}), and with them, on that first start, a few demo records ({@link DemoRecords}).
 */
@Component
class AccountBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Accounts accounts;
    private final String adminUsername;
    private final String adminPassword;
    private final boolean demo;
    private final DemoRecords demoRecords;
    private final ReadyReport readyReport;

    AccountBootstrap(Accounts accounts, DemoRecords demoRecords, ReadyReport readyReport,
                     @Value("${PLATFORM_ADMIN_USERNAME:admin}") String adminUsername,
                     @Value("${PLATFORM_ADMIN_PASSWORD:}") String adminPassword,
                     @Value("${PLATFORM_DEMO:false}") boolean demo) {
        this.accounts = accounts;
        this.adminUsername = Usernames.normalize(adminUsername);
        this.adminPassword = adminPassword;
        this.demo = demo;
        this.demoRecords = demoRecords;
        this.readyReport = readyReport;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (adminPassword.isBlank()) {
            log.info("No admin password given: no admin account is created. Set PLATFORM_ADMIN_USERNAME (default "
                             + "'admin') and PLATFORM_ADMIN_PASSWORD and restart to create one.");
        } else if (create(adminUsername, adminPassword, "Administrator", Role.ADMIN)) {
            log.info("Created the admin account '{}' from PLATFORM_ADMIN_USERNAME/PLATFORM_ADMIN_PASSWORD",
                     adminUsername);
        }
        if (demo) {
            seedDemoAccounts();
        }
    }

    private void seedDemoAccounts() {
        StringBuilder created = new StringBuilder();
        for (Role role : List.of(Role.RESIDENT, Role.ORGANIZER, Role.AUDITOR, Role.ADMIN)) {
            String username = "demo-" + role.name().toLowerCase();
            String password = generatedPassword();
            if (create(username, password, "Demo " + role.name().toLowerCase(), role)) {
                created.append(String.format("%n  %-15s %-10s %s", username, role, password));
            }
        }
        if (created.isEmpty()) {
            log.info("Demo accounts exist already; their passwords were printed when they were created");
        } else {
            readyReport.add(String.format("%nDemo accounts (PLATFORM_DEMO=true), made on this start; their passwords"
                                                  + " are shown this once:%s", created));
            demoRecords.seed();
        }
    }

    /**
     * False when the account exists already: an existing account is never changed here. One the accounts view shows
     * is not registered again (a restart sends no command that can only be refused); one it does not show yet, on a
     * store whose views are still applying earlier events (restored, or rebuilt), is refused by the event store. The
     * start does not wait for the view: it may be a while before a new account shows there and can sign in.
     */
    private boolean create(String username, String password, String displayName, Role role) {
        if (Boolean.TRUE.equals(accounts.find(username).hasElement().block(WAIT))) {
            return false;
        }
        Mono<Boolean> creation = notWaitingForTheView(username,
                                                      accounts.register(username, password, displayName, null,
                                                                        "platform", null))
                .then(role == Role.RESIDENT ? Mono.empty()
                                            : notWaitingForTheView(username, accounts.grantAsPlatform(username, role)))
                .thenReturn(true)
                                         .onErrorResume(ApiProblemException.class,
                                                        taken -> taken.problem().getType().getPath()
                                                                      .endsWith(ErrorCode.USERNAME_TAKEN.slug())
                                                                ? Mono.just(false) : Mono.error(taken));
        return Boolean.TRUE.equals(creation.block(WAIT));
    }

    private static Mono<Void> notWaitingForTheView(String username, Mono<?> step) {
        return step.then().onErrorResume(TimeoutException.class, slow -> {
            log.warn("The accounts view has not caught up yet (it is applying earlier events): '{}' is stored and can"
                             + " sign in once it has", username);
            return Mono.empty();
        });
    }

    private static String generatedPassword() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
