package community.platform.api.accounts;

import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.test.StepVerifier;

import java.util.Set;

/** PLATFORM_DEMO=true without an admin password: demo accounts, one per role, and no default admin. */
@SpringBootTest(properties = {"platform.store.in-memory=true", "PLATFORM_DEMO=true", "PLATFORM_ADMIN_PASSWORD="})
class AccountBootstrapTest {

    @Autowired
    private Accounts accounts;

    @Test
    void demoAccountsHaveOneRoleEach() {
        StepVerifier.create(accounts.find("demo-auditor").map(AccountSummary::roles))
                    .expectNext(Set.of(Role.RESIDENT, Role.AUDITOR)).verifyComplete();
        StepVerifier.create(accounts.find("demo-admin").map(AccountSummary::roles))
                    .expectNext(Set.of(Role.RESIDENT, Role.ADMIN)).verifyComplete();
    }

    @Test
    void withoutAPasswordThereIsNoAdminAccount() {
        StepVerifier.create(accounts.find("admin")).verifyComplete();
    }
}
