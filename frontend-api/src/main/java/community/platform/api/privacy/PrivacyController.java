package community.platform.api.privacy;

import community.platform.shared.personal.ChildDataNotice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The notices of the "Personal information" section of docs/api.md; read before signing in, so public. */
@Tag(name = "Personal information")
@RestController
class PrivacyController {

    private final PrivacyNotices notices;

    PrivacyController(PrivacyNotices notices) {
        this.notices = notices;
    }

    @Operation(summary = "The notice on children's personal information a guardian consents to, in Chinese and "
            + "English, with the version a consent names", operationId = "getChildDataNotice")
    @SecurityRequirements
    @GetMapping("/api/privacy/notice")
    ChildDataNotice notice() {
        return notices.children();
    }
}
