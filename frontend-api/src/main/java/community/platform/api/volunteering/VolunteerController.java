package community.platform.api.volunteering;

import community.platform.api.web.Views;
import community.platform.shared.volunteering.FindVolunteerDutiesQuery;
import community.platform.shared.volunteering.VolunteerDuty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Uid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The signed-in volunteer's own hours and calendar. */
@Tag(name = "Volunteer posts")
@RestController
public class VolunteerController {

    private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final Views views;

    public VolunteerController(Views views) {
        this.views = views;
    }

    @Operation(summary = "The caller's volunteer hours, in all and per post")
    @GetMapping("/api/volunteers/me/hours")
    public Mono<VolunteerHours> hours(Authentication caller) {
        return duties(caller).map(VolunteerHours::of);
    }

    /** One VEVENT per confirmed duty, for a calendar app to subscribe to. */
    @Operation(summary = "The caller's confirmed duties as iCalendar")
    @GetMapping(path = "/api/volunteers/me/calendar.ics", produces = "text/calendar")
    public Mono<ResponseEntity<String>> calendar(Authentication caller) {
        return duties(caller).map(duties -> {
            Calendar calendar = new Calendar()
                    .withProdId("-//Community platform//Volunteer duties//ZH")
                    .withDefaults()
                    .getFluentTarget();
            duties.stream().filter(duty -> "CONFIRMED".equals(duty.status())).forEach(duty -> {
                VEvent event = new VEvent(duty.startsAt(), duty.endsAt(), duty.title());
                event.add(new Uid(duty.postId() + "@community-platform"));
                event.add(new Location(duty.location()));
                event.add(new Description("Volunteer duty " + duty.postId()));
                calendar.add(event);
            });
            StringWriter ics = new StringWriter();
            try {
                new CalendarOutputter(false).output(calendar, ics);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ResponseEntity.ok().contentType(CALENDAR).body(ics.toString());
        });
    }

    private Mono<List<VolunteerDuty>> duties(Authentication caller) {
        return views.list(new FindVolunteerDutiesQuery(caller.getName()), VolunteerDuty.class);
    }
}
