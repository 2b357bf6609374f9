package community.platform.api.notices;

import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.LocalTime;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.MarkNoticeReadCommand;
import community.platform.shared.notices.Notice;
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

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A person's change notices, newest first, and marking one read. Someone else's notice is not found. */
@Tag(name = "Notifications")
@RestController
public class NotificationController {

    private final Views views;
    private final Commands commands;

    public NotificationController(Views views, Commands commands) {
        this.views = views;
        this.commands = commands;
    }

    /** Subject and body in English; kind and args name the same for other languages (null on older notices). */
    public record NoticeResponse(String id, OffsetDateTime createdAt, String subject, String body, boolean read,
                                 String kind, Map<String, String> args) {
        static NoticeResponse of(Notice notice) {
            return new NoticeResponse(notice.id(), LocalTime.of(notice.createdAt()), notice.subject(), notice.body(),
                                      notice.read(), notice.kind(), notice.args());
        }
    }

    @Operation(summary = "The caller's notices, newest first")
    @GetMapping("/api/notifications/me")
    public Mono<List<NoticeResponse>> mine(Authentication caller) {
        return views.list(new FindNoticesQuery(caller.getName()), Notice.class)
                    .map(notices -> notices.stream().map(NoticeResponse::of).toList());
    }

    @Operation(summary = "Mark one of the caller's notices read")
    @PostMapping("/api/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> read(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        String recipient = caller.getName();
        FindNoticesQuery mine = new FindNoticesQuery(recipient);
        return views.list(mine, Notice.class)
                    .filter(notices -> notices.stream().anyMatch(notice -> notice.id().equals(id)))
                    .switchIfEmpty(Mono.error(() -> new ApiProblemException(Problems.notFound(
                            "You have no notice " + id))))
                    .flatMap(found -> commands.send(new MarkNoticeReadCommand(MarkNoticeReadCommand.inboxOf(recipient),
                                                                              recipient, id), exchange))
                    .then(views.visibleList(mine, Notice.class, notices -> notices.stream().anyMatch(
                            notice -> notice.id().equals(id) && notice.read())))
                    .then();
    }
}
