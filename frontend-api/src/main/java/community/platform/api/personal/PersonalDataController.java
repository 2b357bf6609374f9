package community.platform.api.personal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Access and portability: the caller's own data, from the "Personal information" section of docs/api.md. */
@Tag(name = "Personal information")
@RestController
class PersonalDataController {

    private final PersonalData personalData;

    PersonalDataController(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Operation(summary = "Everything held about the caller and their children")
    @GetMapping("/api/accounts/me/data")
    Mono<PersonalDataExport> myData(Authentication caller) {
        return personalData.of(caller.getName());
    }
}
