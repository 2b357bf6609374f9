package community.platform.api.audit;

import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.audit.DiffProjectionQuery;
import community.platform.shared.audit.ListDeadLettersQuery;
import community.platform.shared.audit.ListProjectionsQuery;
import community.platform.shared.audit.ProjectionStatus;
import community.platform.shared.audit.ReplayProjectionCommand;
import community.platform.shared.audit.RetryDeadLettersCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

/**
 * The operations half of "Audit and operations" in docs/api.md: event processors, rebuilds, diffs, and the
 * events projections failed on (dead letters).
 */
@Tag(name = "Projections")
@RestController
public class ProjectionController {

    private final Commands commands;
    private final Views views;

    public ProjectionController(Commands commands, Views views) {
        this.commands = commands;
        this.views = views;
    }

    @Operation(summary = "Every event processor: position, lag, replay progress, dead letters")
    @GetMapping("/api/admin/projections")
    public Mono<List<ProjectionStatus>> projections() {
        return views.list(new ListProjectionsQuery(), ProjectionStatus.class);
    }

    /** Starts a rebuild beside the live views; its progress shows in {@code GET /api/admin/projections}. */
    @Operation(summary = "Rebuild a processor's views from the events, beside the live ones")
    @PostMapping("/api/admin/projections/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<ResponseEntity<RebuildStarted>> replay(@PathVariable String name, ServerWebExchange exchange) {
        return commands.<String>send(new ReplayProjectionCommand(name), exchange).map(answer -> switch (answer) {
            case "STARTED" -> ResponseEntity.accepted().location(URI.create("/api/admin/projections"))
                                            .body(new RebuildStarted(name, "REBUILDING"));
            case "ALREADY_RUNNING" -> throw new ApiProblemException(Problems.of(
                    HttpStatus.CONFLICT, "rebuild-running", "A rebuild is running",
                    "The views of " + name + " are being rebuilt already, on this instance or another; try again"
                    + " once that rebuild is done"));
            default -> throw unknown(name);
        });
    }

    @Operation(summary = "The documents a fresh rebuild would change in the live views")
    @GetMapping("/api/admin/projections/{name}/diff")
    public Mono<DiffProjectionQuery.Diff> diff(@PathVariable String name) {
        return views.find(new DiffProjectionQuery(name), DiffProjectionQuery.Diff.class)
                    .switchIfEmpty(Mono.error(() -> unknown(name)));
    }

    /** The events the processor's projections failed on, set aside with the later events of their records. */
    @Operation(summary = "The events the processor's projections failed on, set aside")
    @GetMapping("/api/admin/projections/{name}/dead-letters")
    public Mono<List<ListDeadLettersQuery.DeadLetter>> deadLetters(@PathVariable String name) {
        return views.list(new ListDeadLettersQuery(name), ListDeadLettersQuery.DeadLetter.class);
    }

    /** Hands the dead letters to the projections again, after the cause was fixed; answers what went through. */
    @Operation(summary = "Hand the dead letters to the projections again")
    @PostMapping("/api/admin/projections/{name}/dead-letters/retry")
    public Mono<RetryDeadLettersCommand.Result> retryDeadLetters(@PathVariable String name,
                                                                 ServerWebExchange exchange) {
        return commands.<RetryDeadLettersCommand.Result>send(new RetryDeadLettersCommand(name), exchange)
                       .switchIfEmpty(Mono.error(() -> unknown(name)));
    }

    private static ApiProblemException unknown(String name) {
        return new ApiProblemException(Problems.notFound("There is no event processor " + name));
    }
}
