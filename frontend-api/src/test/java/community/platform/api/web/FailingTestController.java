package community.platform.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Test only: a handler that fails, to see what a caller is told. Not part of the API's description. */
@Hidden
@RestController
class FailingTestController {

    @GetMapping("/api/test-only/failure")
    Mono<String> fail() {
        return Mono.error(new IllegalStateException("secret internals: connection string mongodb://user:pw@db"));
    }

    /** The same at a page's address. */
    @GetMapping("/test-only/failure")
    Mono<String> failPage() {
        return fail();
    }
}
