package community.platform.api.personal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** The account part of the Personal information section of docs/api.md: asking for erasure and deciding it. */
@Tag(name = "Personal information")
@RestController
class ErasureController {

    private final Erasures erasures;

    ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    @Operation(summary = "Ask for the caller's account to be erased", operationId = "requestAccountErasure")
    @PostMapping("/api/accounts/me/erasure")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ErasureAnswer> request(@Valid @RequestBody(required = false) ErasureRequests.Ask request,
                                Authentication caller, ServerWebExchange exchange) {
        return erasures.request(request, caller, exchange);
    }

    @Operation(summary = "Ask, as the guardian, for a child's data to be erased; the child is withdrawn from every"
                         + " course", operationId = "requestChildErasure")
    @PostMapping("/api/children/me/{enrollmentId}/erasure")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ErasureAnswer> requestForChild(@PathVariable String enrollmentId,
                                        @Valid @RequestBody(required = false) ErasureRequests.Ask request,
                                        Authentication caller, ServerWebExchange exchange) {
        return erasures.requestForChild(enrollmentId, request, caller, exchange);
    }

    @Operation(summary = "The erasure requests, oldest first", operationId = "listErasureRequests")
    @GetMapping("/api/admin/erasures")
    Mono<List<ErasureRequestResponse>> list() {
        return erasures.list();
    }

    @Operation(summary = "Carry out an erasure: the person's key is destroyed", operationId = "approveErasure")
    @PostMapping("/api/admin/erasures/{requestId}/approval")
    Mono<ErasureAnswer> approve(@PathVariable String requestId, Authentication caller, ServerWebExchange exchange) {
        return erasures.approve(requestId, caller, exchange);
    }

    @Operation(summary = "Refuse an erasure where the records must be kept", operationId = "refuseErasure")
    @PostMapping("/api/admin/erasures/{requestId}/refusal")
    Mono<ErasureAnswer> refuse(@PathVariable String requestId, @Valid @RequestBody ErasureRequests.Refuse request,
                               Authentication caller, ServerWebExchange exchange) {
        return erasures.refuse(requestId, request, caller, exchange);
    }
}
