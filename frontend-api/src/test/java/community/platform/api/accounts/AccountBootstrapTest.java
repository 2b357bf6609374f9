package community.platform.api.accounts;

import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.courses.CourseSummary;
import community.platform.shared.courses.ListCoursesQuery;
import community.platform.shared.festival.FestivalEventSummary;
import community.platform.shared.festival.ListFestivalEventsQuery;
import community.platform.shared.volunteering.ListVolunteerPostsQuery;
import community.platform.shared.volunteering.VolunteerPostSummary;
import community.platform.shared.accounts.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.test.StepVerifier;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** PLATFORM_DEMO=true without an admin password: demo accounts, one per role, demo records, and no default admin. */
@SpringBootTest(properties = {"platform.store.in-memory=true", "PLATFORM_DEMO=true", "PLATFORM_ADMIN_PASSWORD="})
class AccountBootstrapTest {

    @Autowired
    private Accounts accounts;

    @Autowired
    private community.platform.api.web.Views views;

    @Test
    void demoAccountsHaveOneRoleEach() {
        StepVerifier.create(accounts.find("demo-auditor").map(AccountSummary::roles))
                    .expectNext(Set.of(Role.RESIDENT, Role.AUDITOR)).verifyComplete();
        StepVerifier.create(accounts.find("demo-admin").map(AccountSummary::roles))
                    .expectNext(Set.of(Role.RESIDENT, Role.ADMIN)).verifyComplete();
    }

    @Test
    void aFreshDemoStoreHasRecordsToShow() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(views.list(new ListVolunteerPostsQuery(null, null, null, null), VolunteerPostSummary.class)
                            .block()).hasSize(2);
            assertThat(views.list(new ListFestivalEventsQuery(), FestivalEventSummary.class).block())
                    .singleElement().satisfies(e -> assertThat(e.venue()).isEqualTo("文化中心 Culture Centre"));
            assertThat(views.list(new ListCoursesQuery(3, true), CourseSummary.class).block())
                    .singleElement().satisfies(c -> {
                        assertThat(c.status()).hasToString("OPEN");
                        assertThat(c.sessions()).hasSize(8);
                        assertThat(c.organizer()).isEqualTo("demo-organizer");
                    });
        });
    }

    @Test
    void withoutAPasswordThereIsNoAdminAccount() {
        StepVerifier.create(accounts.find("admin")).verifyComplete();
    }
}
