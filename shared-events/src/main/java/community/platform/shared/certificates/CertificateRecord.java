package community.platform.shared.certificates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A certificate as the log now shows it: what it certified when issued and where it stands in the log
 * ({@code position}); then, when an attendance it counts was corrected afterwards, the first such correction and the
 * minutes as corrected; and whether the volunteer's personal data was erased since.
 */
public record CertificateRecord(String code, String volunteer, String displayName, LocalDate from, LocalDate to,
                                List<CertifiedDuty> duties, long totalMinutes, Instant issuedAt, long position,
                                Instant correctedAt, long currentMinutes, boolean erased) {
}
