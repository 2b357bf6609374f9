package community.platform.api.pages;

import community.platform.api.certificates.CertificateVerification;
import community.platform.api.certificates.HourCertificates;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Problems;
import community.platform.shared.certificates.Certificates;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.LocalDate;

/**
 * Hour certificates in the browser: the volunteer's download (from their hours page), and the public page where
 * anyone checks a certificate by its code, with no account.
 */
@Controller
class CertificatePages {

    private final HourCertificates certificates;

    CertificatePages(HourCertificates certificates) {
        this.certificates = certificates;
    }

    /**
     * The hours page's form: a POST with the page's CSRF token, since a certificate asked for is recorded, and another
     * site's link must not record them in a resident's name.
     */
    @PostMapping(value = "/me/certificate.pdf")
    @ResponseBody
    Mono<ResponseEntity<byte[]>> download(@ModelAttribute Period period, Authentication caller,
                                          ServerWebExchange exchange) {
        return Mono.fromSupplier(period::dates)
                   .flatMap(dates -> certificates.download(caller.getName(), dates[0], dates[1], exchange));
    }

    /** The period as the form sends it: two dates, yyyy-mm-dd. */
    record Period(String from, String to) {

        LocalDate[] dates() {
            try {
                return new LocalDate[]{LocalDate.parse(from.strip()), LocalDate.parse(to.strip())};
            } catch (RuntimeException notADate) {
                throw new ApiProblemException(Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                                                          "Give the period as two dates, yyyy-mm-dd"));
            }
        }
    }

    /** The form to type a code; a code typed there goes to its page. */
    @GetMapping("/certificates")
    Rendering lookup(@RequestParam(required = false) String code) {
        if (code != null && !Certificates.normalized(code).isEmpty()) {
            return Rendering.redirectTo("/certificates/" + Certificates.normalized(code)).build();
        }
        return Rendering.view("certificates/lookup").modelAttribute("code", code == null ? "" : code)
                        .status(code == null ? HttpStatus.OK : HttpStatus.NOT_FOUND).build();
    }

    @GetMapping("/certificates/{code}")
    Mono<Rendering> verify(@PathVariable String code, ServerWebExchange exchange) {
        return certificates.verify(code, exchange)
                           .map(found -> Rendering.view("certificates/verification")
                                                  .modelAttribute("certificate", found).build())
                           .onErrorResume(ApiProblemException.class,
                                          problem -> problem.problem().getStatus() != HttpStatus.NOT_FOUND.value()
                                                  ? Mono.error(problem)
                                                  : Mono.just(Rendering.view("certificates/lookup")
                                                                       .modelAttribute("code", code)
                                                                       .status(HttpStatus.NOT_FOUND).build()));
    }
}
