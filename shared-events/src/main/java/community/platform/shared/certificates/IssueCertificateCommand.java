package community.platform.shared.certificates;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/**
 * A volunteer asks for a certificate of the hours credited for duties in a period. Its code follows from what it
 * certifies ({@link Certificates#code}), so asking again for the same hours is the same certificate.
 */
public record IssueCertificateCommand(@TargetAggregateIdentifier String code, String volunteer,
                                      String displayName, LocalDate from,
                                      LocalDate to, List<CertifiedDuty> duties) {
}
