package community.platform.api.pages;

import community.platform.api.festival.EventResponse;
import community.platform.api.festival.FestivalRequests;
import community.platform.api.festival.FestivalService;
import community.platform.api.festival.VenueBookingResponse;
import community.platform.api.pages.FormPage.Field;
import community.platform.shared.festival.EventKind;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Organizers' festival pages: scheduling and moving an event, the venue calendar, and judging a competition. */
@Controller
public class OrganizerEventPages {

    private static final List<String> KINDS = Arrays.stream(EventKind.values()).map(Enum::name).toList();

    private final FestivalService festival;
    private final PageForms forms;
    private final MessageSource messages;

    OrganizerEventPages(FestivalService festival, PageForms forms,
                        MessageSource messages) {
        this.festival = festival;
        this.forms = forms;
        this.messages = messages;
    }

    @GetMapping("/organizer/events/new")
    Rendering newEvent() {
        return eventForm(new EventForm("", "WORKSHOP", "", "", "", "", "", "", null)).render(Map.of(), HttpStatus.OK);
    }

    @PostMapping("/organizer/events")
    Mono<Rendering> schedule(@ModelAttribute EventForm form, Authentication caller, ServerWebExchange exchange,
                             Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        FestivalRequests.ScheduleEvent request = new FestivalRequests.ScheduleEvent(
                form.title(), KINDS.contains(form.kind()) ? EventKind.valueOf(form.kind()) : null, form.venue(),
                typed.time("startsAt", form.startsAt()), typed.time("endsAt", form.endsAt()),
                typed.number("capacity", form.capacity()), TypedFields.blankToNull(form.description()),
                TypedFields.blankToNull(form.neighbourhoodId()));
        return forms.send(eventForm(form), forms.invalidFields(typed, request, locale),
                          () -> forms.created(caller, form.idempotencyKey(), request, exchange,
                                              () -> festival.schedule(request, caller, exchange).map(
                                                      event -> ResponseEntity.created(event.location()).body(event)),
                                              "/festival/"),
                          exchange, locale);
    }

    /** The form that moves an event to other times or another venue; the people registered are told. */
    @GetMapping("/organizer/events/{id}/schedule")
    Mono<Rendering> editSchedule(@PathVariable String id, ServerWebExchange exchange, Locale locale) {
        return festival.detail(id)
                       .map(event -> scheduleForm(id, new OrganizerPages.ScheduleForm(
                               event.venue(), TypedFields.local(event.startsAt()), TypedFields.local(event.endsAt()), ""))
                               .render(Map.of(), HttpStatus.OK))
                       .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    @PostMapping("/organizer/events/{id}/schedule")
    Mono<Rendering> reschedule(@PathVariable String id, @ModelAttribute OrganizerPages.ScheduleForm form,
                               Authentication caller, ServerWebExchange exchange, Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        FestivalRequests.Reschedule request = new FestivalRequests.Reschedule(
                TypedFields.blankToNull(form.venue()), typed.time("startsAt", form.startsAt()),
                typed.time("endsAt", form.endsAt()), TypedFields.blankToNull(form.reason()));
        return forms.send(scheduleForm(id, form), forms.invalidFields(typed, request, locale),
                          () -> festival.reschedule(id, request, caller, exchange).thenReturn("/festival/" + id),
                          exchange, locale);
    }

    /**
     * A venue's bookings for a week (Monday to Sunday, Beijing time), day by day; the venues to choose from are those
     * of every festival event.
     */
    @GetMapping("/organizer/venues")
    Mono<Rendering> calendar(@RequestParam(required = false) String venue,
                             @RequestParam(required = false) String week) {
        LocalDate monday = monday(week);
        OffsetDateTime from = monday.atStartOfDay(TypedFields.ZONE).toOffsetDateTime();
        return festival.list(null).flatMap(events -> {
            List<String> venues = events.stream().map(EventResponse::venue).distinct().sorted().toList();
            String chosen = venue != null && !venue.isBlank() ? venue.strip() : venues.isEmpty() ? null : venues.get(0);
            Mono<List<VenueBookingResponse>> bookings = chosen == null ? Mono.just(List.of())
                    : festival.calendar(chosen, from, from.plusDays(7));
            return bookings.map(found -> {
                Map<LocalDate, List<VenueBookingResponse>> days = new TreeMap<>();
                for (int i = 0; i < 7; i++) {
                    days.put(monday.plusDays(i), new ArrayList<>());
                }
                found.forEach(booking -> days.computeIfPresent(
                        booking.startsAt().toLocalDate(), (day, list) -> {
                            list.add(booking);
                            return list;
                        }));
                return Rendering.view("organizer/venues")
                                .modelAttribute("venues", venues)
                                .modelAttribute("venue", chosen == null ? "" : chosen)
                                .modelAttribute("monday", monday)
                                .modelAttribute("days", days)
                                .build();
            });
        });
    }

    private static LocalDate monday(String week) {
        LocalDate day;
        try {
            day = week == null || week.isBlank() ? LocalDate.now(TypedFields.ZONE) : LocalDate.parse(week.strip());
        } catch (DateTimeParseException e) {
            day = LocalDate.now(TypedFields.ZONE);
        }
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** A competition's entries with their average scores, and a form per entry to record a judge's score. */
    @GetMapping("/organizer/events/{id}/judging")
    Mono<Rendering> judging(@PathVariable String id, ServerWebExchange exchange, Locale locale) {
        return judgingPage(id, null, null, HttpStatus.OK).onErrorResume(failure -> forms.failed(failure, exchange,
                                                                                                locale));
    }

    @PostMapping("/organizer/events/{id}/judging/{entryId}")
    Mono<Rendering> score(@PathVariable String id, @PathVariable String entryId, @ModelAttribute ScoreForm form,
                          Authentication caller, ServerWebExchange exchange, Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        FestivalRequests.Score request = new FestivalRequests.Score(form.judge(), typed.number("score", form.score()),
                                                                    TypedFields.blankToNull(form.reason()));
        Map<String, String> invalid = forms.invalidFields(typed, request, locale);
        if (!invalid.isEmpty()) {
            String field = invalid.keySet().iterator().next();
            return judgingPage(id, entryId, messages.getMessage("field." + field, null, locale) + ": "
                    + invalid.get(field), HttpStatus.BAD_REQUEST);
        }
        return festival.score(id, entryId, request, caller, exchange)
                       .thenReturn(Rendering.redirectTo("/organizer/events/" + id + "/judging#" + entryId).build())
                       .onErrorResume(failure -> forms.again(failure, exchange, locale, refusal -> judgingPage(
                               id, entryId, refusal.message(), refusal.status())));
    }

    /** A judge's score for one entry as typed; the reason goes with a judge's second score for the same entry. */
    public record ScoreForm(String judge, String score, String reason) {
    }

    private Mono<Rendering> judgingPage(String id, String refusedEntry, String error, HttpStatus status) {
        return festival.detail(id).zipWith(festival.results(id))
                       .map(found -> Rendering.view("organizer/judging").status(status)
                                              .modelAttribute("event", found.getT1())
                                              .modelAttribute("entries", found.getT2())
                                              .modelAttribute("refusedEntry", refusedEntry == null ? "" : refusedEntry)
                                              .modelAttribute("error", error == null ? "" : error)
                                              .build());
    }

    private static FormPage eventForm(EventForm form) {
        return new FormPage("organizer.newEvent", null, "/organizer/events", "organizer.schedule", List.of(
                Field.of("title", "text", form.title()), Field.select("kind", form.kind(), KINDS, "festival.kind."),
                Field.of("venue", "text", form.venue()), Field.of("startsAt", "datetime-local", form.startsAt()),
                Field.of("endsAt", "datetime-local", form.endsAt()), Field.of("capacity", "number", form.capacity()),
                Field.of("description", "textarea", form.description()),
                Field.of("neighbourhoodId", "neighbourhood", form.neighbourhoodId())),
                            FormPage.keyFor(form.idempotencyKey()));
    }

    private static FormPage scheduleForm(String id, OrganizerPages.ScheduleForm form) {
        return new FormPage("organizer.rescheduleEvent", "organizer.rescheduleEventIntro",
                            "/organizer/events/" + id + "/schedule", "organizer.save", List.of(
                Field.of("venue", "text", form.venue()), Field.of("startsAt", "datetime-local", form.startsAt()),
                Field.of("endsAt", "datetime-local", form.endsAt()), Field.of("reason", "text", form.reason())));
    }

    /** The event form's fields as typed; times are local to Beijing. */
    public record EventForm(String title, String kind, String venue, String startsAt, String endsAt, String capacity,
                            String description, String neighbourhoodId, String idempotencyKey) {
    }
}
