package community.platform.shared.certificates;

import community.platform.shared.personal.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * A certificate of a volunteer's hours was issued: each duty of the period with its credited minutes, and the total.
 * Where it stands in the log (its global position) is what seals taken from then on cover.
 */
@Revision("1")
public record CertificateIssuedEvent(String code, String volunteer,
                                     @PersonalData(subject = "volunteer") String displayName, LocalDate from,
                                     LocalDate to, List<CertifiedDuty> duties, long totalMinutes) {
}
