package community.platform.api.reminders;

import community.platform.api.web.Commands;
import community.platform.api.web.Views;
import community.platform.shared.reminders.FindReminderPreferencesQuery;
import community.platform.shared.reminders.ReminderPreferences;
import community.platform.shared.reminders.SetReminderPreferencesCommand;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A resident's reminder preferences: read (the defaults until set), and set, answered once the view shows them. */
@Service
public class ReminderSettings {

    private final Commands commands;
    private final Views views;

    ReminderSettings(Commands commands, Views views) {
        this.commands = commands;
        this.views = views;
    }

    public Mono<ReminderPreferences> mine(String username) {
        return views.find(new FindReminderPreferencesQuery(username), ReminderPreferences.class)
                    .defaultIfEmpty(ReminderPreferences.DEFAULT);
    }

    public Mono<ReminderPreferences> set(String username, ReminderRequest request, ServerWebExchange exchange) {
        SetReminderPreferencesCommand command = new SetReminderPreferencesCommand(
                username, request.email() == null || request.email().isBlank() ? null : request.email().strip(),
                request.emailEnabled(), request.smsEnabled(), request.hoursBefore(), request.language());
        ReminderPreferences expected = new ReminderPreferences(command.email(), command.emailEnabled(),
                                                               command.smsEnabled(), command.hoursBefore(),
                                                               command.language());
        return commands.send(command, exchange)
                       .then(views.visible(new FindReminderPreferencesQuery(username), ReminderPreferences.class,
                                           expected::equals));
    }
}
