package community.platform.command.accounts;

import community.platform.command.neighbourhoods.TestNeighbourhoods;
import community.platform.shared.ErrorCode;
import community.platform.shared.accounts.AccountRegisteredEvent;
import community.platform.shared.accounts.GrantRoleCommand;
import community.platform.shared.accounts.RegisterAccountCommand;
import community.platform.shared.accounts.RevokeRoleCommand;
import community.platform.shared.accounts.Role;
import community.platform.shared.accounts.RoleGrantedEvent;
import community.platform.shared.accounts.RoleRevokedEvent;
import community.platform.shared.neighbourhoods.NeighbourhoodStatedEvent;
import community.platform.shared.neighbourhoods.StateNeighbourhoodCommand;
import community.platform.shared.reminders.ReminderPreferencesSetEvent;
import community.platform.shared.reminders.SetReminderPreferencesCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static community.platform.command.handling.Violations.violationOf;

class AccountTest {

    private static final AccountRegisteredEvent REGISTERED =
            new AccountRegisteredEvent("lihua", "Li Hua", "13800000000", Set.of(Role.RESIDENT));

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void aNewAccountIsAResident() {
        fixture.givenNoPriorActivity()
               .when(new RegisterAccountCommand("lihua", "Li Hua", "13800000000"))
               .expectSuccessfulHandlerExecution()
               .expectEvents(REGISTERED);
    }

    @Test
    void aResidentStatesAnExistingNeighbourhoodOrNone() {
        fixture.registerInjectableResource(TestNeighbourhoods.policy("nb-donghu"));
        fixture.given(REGISTERED)
               .when(new StateNeighbourhoodCommand("lihua", " nb-donghu "))
               .expectEvents(new NeighbourhoodStatedEvent("lihua", "nb-donghu"));
        fixture.given(REGISTERED)
               .when(new StateNeighbourhoodCommand("lihua", ""))
               .expectEvents(new NeighbourhoodStatedEvent("lihua", null));
        fixture.given(REGISTERED)
               .when(new StateNeighbourhoodCommand("lihua", "nb-nowhere"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NEIGHBOURHOOD_NOT_FOUND));
    }

    @Test
    void aResidentSetsHowTheyAreReminded() {
        fixture.given(REGISTERED)
               .when(new SetReminderPreferencesCommand("lihua", " lihua@example.cn ", true, false, 12, "en"))
               .expectEvents(new ReminderPreferencesSetEvent("lihua", "lihua@example.cn", true, false, 12, "en"));
        fixture.given(REGISTERED)
               .when(new SetReminderPreferencesCommand("lihua", " ", false, true, 72, "zh"))
               .expectEvents(new ReminderPreferencesSetEvent("lihua", null, false, true, 72, "zh"));
    }

    @Test
    void remindersOutsideOneTo72HoursInAnotherLanguageOrToANonAddressAreRefused() {
        for (SetReminderPreferencesCommand wrong : List.of(
                new SetReminderPreferencesCommand("lihua", null, true, true, 0, "zh"),
                new SetReminderPreferencesCommand("lihua", null, true, true, 73, "zh"),
                new SetReminderPreferencesCommand("lihua", null, true, true, 24, "fr"),
                new SetReminderPreferencesCommand("lihua", "not an address", true, true, 24, "zh"))) {
            fixture.given(REGISTERED).when(wrong)
                   .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_REMINDERS));
        }
    }

    @Test
    void grantingARoleRecordsItAndAnswersTheRoles() {
        fixture.given(REGISTERED)
               .when(new GrantRoleCommand("lihua", Role.ORGANIZER))
               .expectEvents(new RoleGrantedEvent("lihua", Role.ORGANIZER))
               .expectResultMessagePayloadMatching(org.hamcrest.Matchers.equalTo(Set.of(Role.RESIDENT, Role.ORGANIZER)));
    }

    @Test
    void grantingARoleHeldAlreadyChangesNothing() {
        fixture.given(REGISTERED, new RoleGrantedEvent("lihua", Role.ORGANIZER))
               .when(new GrantRoleCommand("lihua", Role.ORGANIZER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void revokingARoleRecordsIt() {
        fixture.given(REGISTERED, new RoleGrantedEvent("lihua", Role.AUDITOR))
               .when(new RevokeRoleCommand("lihua", Role.AUDITOR))
               .expectEvents(new RoleRevokedEvent("lihua", Role.AUDITOR));
    }

    @Test
    void cannotRevokeARoleNotHeld() {
        fixture.given(REGISTERED)
               .when(new RevokeRoleCommand("lihua", Role.ADMIN))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.ROLE_NOT_HELD))
               .expectExceptionMessage("lihua does not hold the role ADMIN");
    }
}
