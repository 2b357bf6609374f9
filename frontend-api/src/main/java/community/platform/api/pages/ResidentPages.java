package community.platform.api.pages;

import community.platform.api.notices.NoticeResponse;
import community.platform.api.notices.Notices;
import community.platform.api.volunteering.Hours;
import community.platform.api.volunteering.Volunteering;
import community.platform.api.web.LocalTime;
import community.platform.shared.volunteering.VolunteerDuty;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A resident's own pages: their duties with a calendar to subscribe to, their hours by month, their notices. */
@Controller
public class ResidentPages {

    private final Volunteering volunteering;
    private final Notices notifications;
    private final PageForms forms;
    private final MessageSource messages;

    ResidentPages(Volunteering volunteering, Notices notifications, PageForms forms,
                  MessageSource messages) {
        this.messages = messages;
        this.volunteering = volunteering;
        this.notifications = notifications;
        this.forms = forms;
    }

    @GetMapping("/me")
    String me() {
        return "redirect:/me/duties";
    }

    /** The caller's duties, soonest first, with the calendar to download or subscribe to. */
    @GetMapping("/me/duties")
    Mono<Rendering> duties(Authentication caller, ServerWebExchange exchange) {
        return duties(caller).map(duties -> Rendering.view("me/duties")
                                                     .modelAttribute("duties", duties.stream()
                                                                                     .sorted(Comparator.comparing(Duty::startsAt))
                                                                                     .toList())
                                                     .modelAttribute("subscription", exchange.getRequest().getURI()
                                                                                             .resolve("/api/volunteers/me/calendar.ics"))
                                                     .build());
    }

    /** The caller's duties as iCalendar, for a browser signed in to the pages. */
    @GetMapping("/me/calendar.ics")
    @ResponseBody
    Mono<ResponseEntity<String>> calendar(Authentication caller) {
        return volunteering.calendar(caller.getName())
                           .map(ics -> ResponseEntity.ok().contentType(Volunteering.CALENDAR).body(ics));
    }

    /** Hours credited, in total and by the month of the duty (Beijing time), with a chart. */
    @GetMapping("/me/hours")
    Mono<Rendering> hours(Authentication caller) {
        return duties(caller).map(duties -> {
            List<Duty> credited = duties.stream().filter(duty -> duty.hours() != null).toList();
            TreeMap<String, BigDecimal> byMonth = credited.stream().collect(Collectors.groupingBy(
                    duty -> YearMonth.from(duty.startsAt()).toString(), TreeMap::new,
                    Collectors.reducing(BigDecimal.ZERO, Duty::hours, BigDecimal::add)));
            return Rendering.view("me/hours")
                            .modelAttribute("total", credited.stream().map(Duty::hours)
                                                             .reduce(BigDecimal.ZERO, BigDecimal::add))
                            .modelAttribute("chart", BarChart.of(byMonth))
                            .modelAttribute("duties", credited)
                            .modelAttribute("certificateFrom", credited.isEmpty() ? null
                                    : credited.get(0).startsAt().toLocalDate())
                            .modelAttribute("certificateTo", LocalDate.now(LocalTime.ZONE))
                            .build();
        });
    }

    @GetMapping("/me/notices")
    Mono<Rendering> notices(Authentication caller, Locale locale) {
        return notifications.mine(caller).map(notices -> Rendering.view("me/notices")
                                                                  .modelAttribute("notices", notices.stream()
                                                                          .map(n -> Shown.of(n, messages, locale))
                                                                          .toList())
                                                                  .build());
    }

    /** A notice in the page's language; one stored before notices had a kind stays in English. */
    public record Shown(String id, OffsetDateTime createdAt, String subject, String body, boolean read) {

        static Shown of(NoticeResponse notice, MessageSource messages, Locale locale) {
            if (notice.kind() == null) {
                return new Shown(notice.id(), notice.createdAt(), notice.subject(), notice.body(), notice.read());
            }
            Map<String, String> args = notice.args();
            String title = args.containsKey("session")
                    ? messages.getMessage("notice.title.session", new Object[]{args.get("title"), args.get("session")},
                                          locale)
                    : args.get("title");
            if (args.containsKey("when")) {
                title += messages.getMessage("notice.when", new Object[]{args.get("when")}, locale);
            }
            Object[] values = {title, args.get("from"), args.get("to"), args.get("enrollment")};
            StringBuilder body = new StringBuilder(messages.getMessage("notice." + notice.kind() + ".body", values,
                                                                       notice.body(), locale));
            if (args.containsKey("venue")) {
                body.append(messages.getMessage("notice.venue", new Object[]{args.get("venue")}, locale));
            }
            if (args.containsKey("reason")) {
                body.append(messages.getMessage("notice.reason", new Object[]{args.get("reason")}, locale));
            }
            return new Shown(notice.id(), notice.createdAt(),
                             messages.getMessage("notice." + notice.kind() + ".subject", values, notice.subject(),
                                                 locale),
                             body.toString(), notice.read());
        }
    }

    @PostMapping("/me/notices/{id}/read")
    Mono<Rendering> read(@PathVariable String id, Authentication caller, ServerWebExchange exchange, Locale locale) {
        return notifications.read(id, caller, exchange)
                            .then(Mono.fromSupplier(() -> Rendering.redirectTo("/me/notices").build()))
                            .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** A duty as the pages show it, times in Beijing time, hours once recorded. */
    public record Duty(String postId, String title, String location, OffsetDateTime startsAt, OffsetDateTime endsAt,
                       VolunteerDuty.Status status, BigDecimal hours) {
    }

    private Mono<List<Duty>> duties(Authentication caller) {
        return volunteering.duties(caller.getName())
                    .map(duties -> duties.stream().map(d -> new Duty(
                            d.postId(), d.title(), d.location(), LocalTime.of(d.startsAt()), LocalTime.of(d.endsAt()),
                            d.status(), d.minutes() == null ? null : Hours.of(d.minutes()))).toList());
    }
}
