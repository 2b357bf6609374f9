package community.platform.api.pages;

import community.platform.api.reminders.ReminderChannels;
import community.platform.api.reminders.ReminderRequest;
import community.platform.api.reminders.ReminderSettings;
import community.platform.shared.reminders.ReminderPreferences;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.Map;

/** The resident's reminder preferences: which channels, how long before, in which language. */
@Controller
class ReminderPages {

    private final ReminderSettings settings;
    private final ReminderChannels channels;
    private final PageForms forms;

    ReminderPages(ReminderSettings settings, ReminderChannels channels, PageForms forms) {
        this.settings = settings;
        this.channels = channels;
        this.forms = forms;
    }

    @GetMapping("/me/reminders")
    Mono<Rendering> page(Authentication caller, @RequestParam(required = false) String saved) {
        return settings.mine(caller.getName()).map(mine -> page(ReminderForm.of(mine), Map.of(), saved != null,
                                                                HttpStatus.OK));
    }

    @PostMapping("/me/reminders")
    Mono<Rendering> save(@ModelAttribute ReminderForm form, Authentication caller, ServerWebExchange exchange,
                         Locale locale) {
        ReminderRequest request = form.request();
        Map<String, String> invalid = forms.invalidFields(request, locale);
        if (!invalid.isEmpty()) {
            return Mono.just(page(form, invalid, false, HttpStatus.BAD_REQUEST));
        }
        return settings.set(caller.getName(), request, exchange)
                       .thenReturn(Rendering.redirectTo("/me/reminders?saved=1").build())
                       .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** The form, offering only the channels this platform has. */
    private Rendering page(ReminderForm form, Map<String, String> invalid, boolean saved, HttpStatus status) {
        return Rendering.view("me/reminders").status(status).modelAttribute("form", form)
                        .modelAttribute("invalid", invalid).modelAttribute("saved", saved)
                        .modelAttribute("channels", channels.active()).build();
    }

    /** The form as typed; an unticked box is not sent, so it reads as off. */
    public record ReminderForm(String email, String emailEnabled, String smsEnabled, String hoursBefore,
                               String language) {

        static ReminderForm of(ReminderPreferences mine) {
            return new ReminderForm(mine.email() == null ? "" : mine.email(), String.valueOf(mine.emailEnabled()),
                                    String.valueOf(mine.smsEnabled()), String.valueOf(mine.hoursBefore()),
                                    mine.language());
        }

        /** A number of hours that is not a number reads as -1, which the checks then name. */
        ReminderRequest request() {
            Integer hours;
            try {
                hours = hoursBefore == null || hoursBefore.isBlank() ? null : Integer.valueOf(hoursBefore.strip());
            } catch (NumberFormatException notANumber) {
                hours = -1;
            }
            return new ReminderRequest(TypedFields.blankToNull(email), "true".equals(emailEnabled),
                                       "true".equals(smsEnabled), hours, language);
        }

        public boolean on(String box) {
            return "true".equals("email".equals(box) ? emailEnabled : smsEnabled);
        }
    }
}
