package community.platform.shared.reminders;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A resident says how they want to be reminded of their duties, events and children's sessions: by e-mail (to
 * {@code email}, when given) and by SMS (to their account's phone), each on or off, {@code hoursBefore} the start, in
 * {@code language} ({@code zh} or {@code en}).
 */
public record SetReminderPreferencesCommand(@TargetAggregateIdentifier String username, String email,
                                            boolean emailEnabled, boolean smsEnabled, int hoursBefore,
                                            String language) {
}
