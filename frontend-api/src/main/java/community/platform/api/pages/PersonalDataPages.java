package community.platform.api.pages;

import community.platform.api.personal.PersonalData;
import community.platform.api.personal.PersonalDataExport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/** "My data": what the platform holds about the signed-in person, and the same as a file to take away. */
@Controller
class PersonalDataPages {

    private final PersonalData personalData;

    PersonalDataPages(PersonalData personalData) {
        this.personalData = personalData;
    }

    /** The account as held, and how many records of each kind the download carries. */
    @GetMapping("/me/data")
    Mono<Rendering> page(Authentication caller) {
        return personalData.of(caller.getName()).map(data -> Rendering.view("me/data")
                                                                     .modelAttribute("account", data.account())
                                                                     .modelAttribute("sections", counts(data))
                                                                     .build());
    }

    /** The API's answer, saved by the browser as a file (the page signs in with its session, not HTTP Basic). */
    @GetMapping("/me/data.json")
    @ResponseBody
    Mono<ResponseEntity<PersonalDataExport>> download(Authentication caller) {
        return personalData.of(caller.getName())
                           .map(data -> ResponseEntity.ok()
                                                      .header(HttpHeaders.CONTENT_DISPOSITION,
                                                              PersonalData.attachment(caller.getName()))
                                                      .contentType(MediaType.APPLICATION_JSON)
                                                      .body(data));
    }

    /** By the message key of each section's name, in the order of the file. */
    private static Map<String, Integer> counts(PersonalDataExport data) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("me.data.signUps", data.signUps().size());
        counts.put("me.data.hours", data.hours().size());
        counts.put("me.data.registrations", data.registrations().size());
        counts.put("me.data.entries", data.entries().size());
        counts.put("me.data.enrollments", data.enrollments().size());
        counts.put("me.data.attendance", data.attendance().size());
        counts.put("me.data.feedback", data.feedback().size());
        counts.put("me.data.notices", data.notices().size());
        counts.put("me.data.consents", data.consents().size());
        return counts;
    }
}
