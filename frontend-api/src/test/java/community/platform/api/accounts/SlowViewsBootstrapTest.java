package community.platform.api.accounts;

import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.Role;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start on a store whose views are behind (restored, or rebuilt from many events): the admin account is created
 * without waiting for the accounts view, and the view shows it once it has caught up. Here no wait for a view can
 * succeed (1 ms), which used to stop the start with a TimeoutException.
 */
@SpringBootTest(properties = {"platform.store.in-memory=true", "PLATFORM_ADMIN_PASSWORD=slow-views-admin",
                              "platform.views.catch-up-timeout=1ms"})
class SlowViewsBootstrapTest {

    @Autowired
    private Accounts accounts;

    @Test
    void thePlatformStartsAndTheAdminAppearsOnceTheViewHasCaughtUp() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(accounts.find("admin").map(AccountSummary::roles).block())
                        .contains(Role.ADMIN));
    }
}
