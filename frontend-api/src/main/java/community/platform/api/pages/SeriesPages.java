package community.platform.api.pages;

import community.platform.api.pages.FormPage.Field;
import community.platform.api.series.PostSeriesService;
import community.platform.api.series.SeriesRequests;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Weekly duty rosters in the browser: the organizer's form (days of the week, times, the first date, a number of
 * dates or a last one, dates to skip), and a series' page, where a resident signs up for every date at once and sees
 * each date's outcome.
 */
@Controller
class SeriesPages {

    static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private final PostSeriesService series;
    private final PageForms forms;
    private final MessageSource messages;

    SeriesPages(PostSeriesService series, PageForms forms, MessageSource messages) {
        this.series = series;
        this.forms = forms;
        this.messages = messages;
    }

    @GetMapping("/organizer/series/new")
    Rendering newSeries() {
        return seriesForm(new SeriesForm("", "", "", "", "", List.of(), "", "", "", "09:00", "11:00", "", "", null))
                .render(Map.of(), HttpStatus.OK);
    }

    @PostMapping("/organizer/series")
    Mono<Rendering> publish(@ModelAttribute SeriesForm form, Authentication caller, ServerWebExchange exchange,
                            Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        SeriesRequests.Publish request = form.request(typed);
        return forms.send(seriesForm(form), forms.invalidFields(typed, request, locale),
                          () -> forms.created(caller, form.idempotencyKey(), request, exchange,
                                              () -> series.publish(request, caller.getName(), exchange)
                                                          .map(published -> ResponseEntity
                                                                  .created(published.location()).body(published)),
                                              "/series/"),
                          exchange, locale);
    }

    @GetMapping("/series/{id}")
    Mono<Rendering> page(@PathVariable String id) {
        return series.series(id).map(found -> Rendering.view("series").modelAttribute("series", found)
                                                       .modelAttribute("outcomes", List.of()).build());
    }

    /** Signs the caller up for every date, then shows the series with each date's outcome. */
    @PostMapping("/series/{id}/signups")
    Mono<Rendering> signUp(@PathVariable String id, Authentication caller, ServerWebExchange exchange,
                           Locale locale) {
        return series.signUp(id, caller.getName(), exchange)
                     .zipWith(series.series(id))
                     .map(found -> Rendering.view("series").modelAttribute("series", found.getT2())
                                            .modelAttribute("outcomes", found.getT1()).build())
                     .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    private static FormPage seriesForm(SeriesForm form) {
        return new FormPage("organizer.newSeries", "organizer.newSeriesIntro", "/organizer/series",
                            "organizer.publish", List.of(
                Field.of("title", "text", form.title()), Field.of("team", "text", form.team()),
                Field.of("location", "text", form.location()), Field.of("capacity", "number", form.capacity()),
                new Field("days", "weekdays", String.join(",", form.days() == null ? List.of() : form.days()), DAYS,
                          "weekday.", "field.days"),
                Field.of("firstDate", "date", form.firstDate()).labelled("series.firstDate"),
                Field.of("count", "number", form.count()), Field.of("until", "date", form.until()),
                Field.of("startTime", "time", form.startTime()).labelled("series.startTime"),
                Field.of("endTime", "time", form.endTime()), Field.of("exceptions", "text", form.exceptions()),
                Field.of("description", "textarea", form.description()),
                Field.of("neighbourhoodId", "neighbourhood", form.neighbourhoodId())),
                            FormPage.keyFor(form.idempotencyKey()));
    }

    /**
     * The series form as typed: weekly on the days ticked (the first date's day when none is), ending after
     * {@code count} dates or on {@code until}; {@code exceptions} are dates separated by commas or spaces.
     */
    public record SeriesForm(String title, String description, String team, String location, String capacity,
                             List<String> days, String firstDate, String count, String until, String startTime,
                             String endTime, String exceptions, String neighbourhoodId, String idempotencyKey) {

        SeriesRequests.Publish request(TypedFields typed) {
            LocalDate first = typed.date("firstDate", firstDate);
            LocalDate last = typed.date("until", until);
            Integer dates = typed.number("count", count);
            List<LocalDate> skipped = new ArrayList<>();
            for (String date : exceptions == null ? new String[0] : exceptions.split("[,，\\s]+")) {
                if (!date.isBlank()) {
                    skipped.add(typed.date("exceptions", date));
                }
            }
            StringBuilder rule = new StringBuilder("FREQ=WEEKLY");
            List<String> ticked = days == null ? List.of() : days.stream().filter(DAYS::contains).toList();
            if (!ticked.isEmpty()) {
                rule.append(";BYDAY=").append(String.join(",", ticked));
            }
            if (dates != null) {
                rule.append(";COUNT=").append(dates);
            } else if (last != null) {
                rule.append(";UNTIL=").append(last.format(DateTimeFormatter.BASIC_ISO_DATE));
            }
            return new SeriesRequests.Publish(title, TypedFields.blankToNull(description), team, location,
                                              typed.number("capacity", capacity),
                                              TypedFields.blankToNull(neighbourhoodId),
                                              typed.clock("startTime", startTime), typed.clock("endTime", endTime),
                                              rule.toString(), first, skipped.contains(null) ? List.of() : skipped);
        }
    }

    /** The series a post belongs to, from the id its series gave it ({@code post-<seriesId>-<n>}); null if none. */
    static String seriesOf(String postId) {
        return postId.matches("post-series-.+-\\d+") ? postId.substring(5, postId.lastIndexOf('-')) : null;
    }
}
