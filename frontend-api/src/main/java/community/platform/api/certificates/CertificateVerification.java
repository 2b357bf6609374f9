package community.platform.api.certificates;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.api.volunteering.Hours;
import community.platform.api.web.LocalTime;
import community.platform.shared.certificates.CertificateRecord;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@code GET /api/certificates/{code}}: whether the certificate is genuine, and what it certified. When an attendance
 * it counts was corrected after it was issued, {@code correctedSince} says when first, and {@code currentTotalHours}
 * is the total as corrected; the certificate stays genuine, as a record of what stood when it was issued. A
 * certificate of someone whose personal data was erased is not valid, and {@code reason} says why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateVerification(String code, boolean valid, String displayName, LocalDate from, LocalDate to,
                                      BigDecimal totalHours, OffsetDateTime issuedAt, Long sealPosition,
                                      OffsetDateTime correctedSince, BigDecimal currentTotalHours, String reason) {

    static final String ERASED = "The volunteer's personal data was erased at their request, so this certificate "
            + "no longer verifies.";

    static CertificateVerification of(CertificateRecord certificate) {
        if (certificate.erased()) {
            return new CertificateVerification(certificate.code(), false, null, null, null, null, null, null, null,
                                               null, ERASED);
        }
        boolean corrected = certificate.correctedAt() != null;
        return new CertificateVerification(certificate.code(), true, certificate.displayName(), certificate.from(),
                                           certificate.to(), Hours.of(certificate.totalMinutes()),
                                           LocalTime.of(certificate.issuedAt()), certificate.position(),
                                           corrected ? LocalTime.of(certificate.correctedAt()) : null,
                                           corrected ? Hours.of(certificate.currentMinutes()) : null, null);
    }
}
