package community.platform.api.notices;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** The Notifications section of the API: the caller's notices ({@link Notices}). */
@Tag(name = "Notifications")
@RestController
class NotificationController {

    private final Notices notices;

    NotificationController(Notices notices) {
        this.notices = notices;
    }

    @Operation(summary = "The caller's notices, newest first")
    @GetMapping("/api/notifications/me")
    Mono<List<NoticeResponse>> mine(Authentication caller) {
        return notices.mine(caller);
    }

    @Operation(summary = "Mark one of the caller's notices read")
    @PostMapping("/api/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> read(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return notices.read(id, caller, exchange);
    }
}
