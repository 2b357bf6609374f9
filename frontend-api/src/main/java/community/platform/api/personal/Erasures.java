package community.platform.api.personal;

import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.personal.ApproveErasureCommand;
import community.platform.shared.personal.ErasureRequestSummary;
import community.platform.shared.personal.ErasureStatus;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.FindErasureRequestQuery;
import community.platform.shared.personal.ListErasureRequestsQuery;
import community.platform.shared.personal.RefuseErasureCommand;
import community.platform.shared.personal.RequestChildErasureCommand;
import community.platform.shared.personal.RequestErasureCommand;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.FindGuardianCoursesQuery;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

import static community.platform.api.web.ApiExceptionHandler.causedBy;

/**
 * Erasure of a resident's account, or of a guardian's child's data, for the API and its pages alike: the person
 * asks, an ADMIN carries it out or refuses it. Each answers once the ADMINs' queue shows the step. What carrying it out does to signing in is not done
 * here but where it holds on every instance and after a crash: the accounts view keeps an erased account as a
 * tombstone that no one signs in as, and {@link ErasedSignIns} deletes its password hash.
 */
@Service
public class Erasures {

    private final Commands commands;
    private final Views views;

    Erasures(Commands commands, Views views) {
        this.commands = commands;
        this.views = views;
    }

    public Mono<ErasureAnswer> request(ErasureRequests.Ask request, Authentication caller, ServerWebExchange exchange) {
        String requestId = IdempotencyKeys.newId(exchange, "erasure-");
        return commands.send(new RequestErasureCommand(requestId, ErasureSubject.ACCOUNT, caller.getName(), null,
                                                       reason(request)), exchange)
                       .then(shows(requestId, ErasureStatus.REQUESTED));
    }

    /**
     * A guardian's request for a child, named by one of the child's enrollments (found among the guardian's own
     * courses); the command side checks that it is theirs, and withdraws the child from every course.
     */
    public Mono<ErasureAnswer> requestForChild(String enrollmentId, ErasureRequests.Ask request, Authentication caller,
                                               ServerWebExchange exchange) {
        String requestId = IdempotencyKeys.newId(exchange, "erasure-");
        return views.list(new FindGuardianCoursesQuery(caller.getName()), CourseDetails.class)
                    .flatMap(courses -> Mono.justOrEmpty(courses.stream()
                                                                .filter(c -> c.enrollment(enrollmentId).isPresent())
                                                                .findFirst()))
                    .switchIfEmpty(Mono.error(() -> new ApiProblemException(
                            ErrorCode.ENROLLMENT_NOT_FOUND, "You have no enrollment " + enrollmentId)))
                    .flatMap(course -> commands.send(new RequestChildErasureCommand(
                            requestId, course.id(), enrollmentId, caller.getName(), reason(request)), exchange))
                    .then(shows(requestId, ErasureStatus.REQUESTED));
    }

    private static String reason(ErasureRequests.Ask request) {
        return request == null || request.reason() == null || request.reason().isBlank() ? null
                                                                                          : request.reason().strip();
    }

    public Mono<List<ErasureRequestResponse>> list() {
        return views.list(new ListErasureRequestsQuery(), ErasureRequestSummary.class)
                    .map(requests -> requests.stream().map(ErasureRequestResponse::of).toList());
    }

    public Mono<ErasureAnswer> approve(String requestId, Authentication caller, ServerWebExchange exchange) {
        return decide(requestId, new ApproveErasureCommand(requestId, caller.getName()), ErasureStatus.DONE,
                      exchange);
    }

    public Mono<ErasureAnswer> refuse(String requestId, ErasureRequests.Refuse request, Authentication caller,
                                      ServerWebExchange exchange) {
        return decide(requestId, new RefuseErasureCommand(requestId, caller.getName(), request.reason().strip()),
                      ErasureStatus.REFUSED, exchange);
    }

    private Mono<ErasureAnswer> decide(String requestId, Object command, ErasureStatus outcome,
                                       ServerWebExchange exchange) {
        return commands.send(command, exchange)
                       .onErrorMap(failure -> causedBy(failure, AggregateNotFoundException.class),
                                   missing -> new ApiProblemException(ErrorCode.ERASURE_NOT_FOUND,
                                                                      "There is no erasure request " + requestId))
                       .then(shows(requestId, outcome));
    }

    /** The answer once the queue shows the request with {@code status}. */
    private Mono<ErasureAnswer> shows(String requestId, ErasureStatus status) {
        return views.visible(new FindErasureRequestQuery(requestId), ErasureRequestSummary.class,
                             request -> request.status() == status)
                    .thenReturn(new ErasureAnswer(requestId, status));
    }
}
