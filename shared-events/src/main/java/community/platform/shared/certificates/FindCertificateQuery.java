package community.platform.shared.certificates;

/** Answered with the {@link CertificateRecord} of the code, or null when there is none. */
public record FindCertificateQuery(String code) {
}
