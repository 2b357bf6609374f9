package community.platform.api.reminders;

import community.platform.shared.reminders.ReminderPreferences;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The caller's reminder preferences over HTTP, mapped to {@link ReminderSettings}. */
@RestController
class ReminderController {

    private final ReminderSettings settings;

    ReminderController(ReminderSettings settings) {
        this.settings = settings;
    }

    @Operation(summary = "How the caller is reminded of their duties, events and children's sessions",
               operationId = "getReminderPreferences")
    @GetMapping("/api/accounts/me/reminders")
    Mono<ReminderPreferences> mine(Authentication caller) {
        return settings.mine(caller.getName());
    }

    @Operation(summary = "Set how the caller is reminded: e-mail and SMS on or off, how long before, which language",
               operationId = "setReminderPreferences")
    @PutMapping("/api/accounts/me/reminders")
    Mono<ReminderPreferences> set(@Valid @RequestBody ReminderRequest request, Authentication caller,
                                  ServerWebExchange exchange) {
        return settings.set(caller.getName(), request, exchange);
    }
}
