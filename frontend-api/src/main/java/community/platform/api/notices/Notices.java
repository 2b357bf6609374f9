package community.platform.api.notices;

import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.MarkNoticeReadCommand;
import community.platform.shared.notices.Notice;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** A person's change notices, for the API and the notices page alike. Someone else's notice is not found. */
@Service
public class Notices {

    private final Views views;
    private final Commands commands;

    Notices(Views views, Commands commands) {
        this.views = views;
        this.commands = commands;
    }

    /** The caller's notices, newest first. */
    public Mono<List<NoticeResponse>> mine(Authentication caller) {
        return views.list(new FindNoticesQuery(caller.getName()), Notice.class)
                    .map(notices -> notices.stream().map(NoticeResponse::of).toList());
    }

    /** Marks one of the caller's notices read, answering once their notices show it read. */
    public Mono<Void> read(String id, Authentication caller, ServerWebExchange exchange) {
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
