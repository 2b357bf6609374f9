package community.platform.command.accounts;

import community.platform.command.handling.RuleViolatedException;
import community.platform.command.neighbourhoods.NeighbourhoodPolicy;
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
import community.platform.shared.reminders.ReminderPreferences;
import community.platform.shared.reminders.ReminderPreferencesSetEvent;
import community.platform.shared.reminders.SetReminderPreferencesCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account, identified by its username: two registrations of one username are two creations of one aggregate, and
 * the event store lets only one of them commit.
 */
@Aggregate
class Account {

    @AggregateIdentifier
    private String username;
    private Set<Role> roles;

    @CommandHandler
    public Account(RegisterAccountCommand command) {
        apply(new AccountRegisteredEvent(command.username(), command.displayName(), command.phone(),
                                         Set.of(Role.RESIDENT)));
    }

    /** A neighbourhood stated must exist; none withdraws the one stated before. */
    @CommandHandler
    void handle(StateNeighbourhoodCommand command, NeighbourhoodPolicy neighbourhoods) {
        String neighbourhood = command.neighbourhoodId() == null || command.neighbourhoodId().isBlank() ? null
                : command.neighbourhoodId().strip();
        if (neighbourhood != null) {
            neighbourhoods.requireExists(neighbourhood);
        }
        apply(new NeighbourhoodStatedEvent(username, neighbourhood));
    }

    /** The hours before are 1 to 72; an address given must look like one. */
    @CommandHandler
    void handle(SetReminderPreferencesCommand command) {
        if (command.hoursBefore() < ReminderPreferences.MIN_HOURS
                || command.hoursBefore() > ReminderPreferences.MAX_HOURS) {
            throw new RuleViolatedException(ErrorCode.INVALID_REMINDERS, "A reminder is sent "
                    + ReminderPreferences.MIN_HOURS + " to " + ReminderPreferences.MAX_HOURS + " hours before");
        }
        if (!List.of("zh", "en").contains(command.language())) {
            throw new RuleViolatedException(ErrorCode.INVALID_REMINDERS, "Reminders are written in zh or en");
        }
        String email = command.email() == null || command.email().isBlank() ? null : command.email().strip();
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new RuleViolatedException(ErrorCode.INVALID_REMINDERS, "That is not an e-mail address");
        }
        apply(new ReminderPreferencesSetEvent(username, email, command.emailEnabled(), command.smsEnabled(),
                                              command.hoursBefore(), command.language()));
    }

    @CommandHandler
    public Set<Role> handle(GrantRoleCommand command) {
        if (!holds(command.role())) {
            apply(new RoleGrantedEvent(username, command.role()));
        }
        return Set.copyOf(roles);
    }

    @CommandHandler
    public Set<Role> handle(RevokeRoleCommand command) {
        if (!holds(command.role())) {
            throw new RuleViolatedException(ErrorCode.ROLE_NOT_HELD,
                                            username + " does not hold the role " + command.role());
        }
        apply(new RoleRevokedEvent(username, command.role()));
        return Set.copyOf(roles);
    }

    private boolean holds(Role role) {
        return roles.contains(role);
    }

    @EventSourcingHandler
    void on(AccountRegisteredEvent event) {
        username = event.username();
        roles = EnumSet.noneOf(Role.class);
        roles.addAll(event.roles());
    }

    @EventSourcingHandler
    void on(RoleGrantedEvent event) {
        roles.add(event.role());
    }

    @EventSourcingHandler
    void on(RoleRevokedEvent event) {
        roles.remove(event.role());
    }

    Account() {
        // required by Axon
    }
}
