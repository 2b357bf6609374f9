package community.platform.api.certificates;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.LocalDate;

/** Hour certificates over HTTP, mapped to {@link HourCertificates}. */
@RestController
class CertificateController {

    private final HourCertificates certificates;

    CertificateController(HourCertificates certificates) {
        this.certificates = certificates;
    }

    @Operation(summary = "A PDF certificate of the caller's volunteer hours for duties held from one date to another",
               operationId = "downloadHourCertificate",
               responses = @ApiResponse(responseCode = "200", description = "The certificate, to save",
                                        content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
                                                           schema = @Schema(type = "string", format = "binary"))))
    @GetMapping(value = "/api/volunteers/me/certificate.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    Mono<ResponseEntity<byte[]>> certificate(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             Authentication caller, ServerWebExchange exchange) {
        return certificates.download(caller.getName(), from, to, exchange);
    }

    @Operation(summary = "Whether a certificate is genuine, and what it certified; no account needed",
               operationId = "verifyHourCertificate")
    @SecurityRequirements
    @GetMapping("/api/certificates/{code}")
    Mono<CertificateVerification> verify(@PathVariable String code, ServerWebExchange exchange) {
        return certificates.verify(code, exchange);
    }
}
