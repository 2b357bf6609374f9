package community.platform.api.volunteering;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;


/** The signed-in volunteer's own hours and calendar: HTTP mapped to {@link Volunteering}. */
@Tag(name = "Volunteer posts")
@RestController
public class VolunteerController {

    private final Volunteering volunteering;

    VolunteerController(Volunteering volunteering) {
        this.volunteering = volunteering;
    }

    @Operation(summary = "The caller's volunteer hours, in all and per post")
    @GetMapping("/api/volunteers/me/hours")
    public Mono<VolunteerHours> hours(Authentication caller) {
        return volunteering.duties(caller.getName()).map(VolunteerHours::of);
    }

    /** One VEVENT per confirmed duty, for a calendar app to subscribe to. */
    @Operation(summary = "The caller's confirmed duties as iCalendar")
    @GetMapping(path = "/api/volunteers/me/calendar.ics", produces = "text/calendar")
    public Mono<ResponseEntity<String>> calendar(Authentication caller) {
        return volunteering.calendar(caller.getName())
                           .map(ics -> ResponseEntity.ok().contentType(Volunteering.CALENDAR).body(ics));
    }
}
