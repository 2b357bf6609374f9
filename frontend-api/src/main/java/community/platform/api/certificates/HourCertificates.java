package community.platform.api.certificates;

import community.platform.api.accounts.Accounts;
import community.platform.api.security.CertificateThrottle;
import community.platform.api.volunteering.Volunteering;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.LocalTime;
import community.platform.api.web.ServerSecret;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.certificates.CertificateRecord;
import community.platform.shared.certificates.Certificates;
import community.platform.shared.certificates.CertifiedDuty;
import community.platform.shared.certificates.FindCertificateQuery;
import community.platform.shared.certificates.IssueCertificateCommand;
import community.platform.shared.volunteering.VolunteerDuty;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * Hour certificates: issuing one as a PDF to the volunteer, and checking one by its code for anyone. The pages and the
 * API both come here.
 * <p>
 * A certificate's code is a MAC, under the server's secret, of what it certifies; asking again for the same hours
 * gives the same certificate (no new record), and a code cannot be guessed from what is printed on another.
 */
@Service
public class HourCertificates {

    private final Volunteering volunteering;
    private final Accounts accounts;
    private final Commands commands;
    private final Views views;
    private final ServerSecret secret;
    private final CertificateThrottle throttle;
    private final String publicUrl;

    HourCertificates(Volunteering volunteering, Accounts accounts, Commands commands, Views views, ServerSecret secret,
                     CertificateThrottle throttle, @Value("${platform.public-url:}") String publicUrl) {
        this.volunteering = volunteering;
        this.accounts = accounts;
        this.commands = commands;
        this.views = views;
        this.secret = secret;
        this.throttle = throttle;
        this.publicUrl = publicUrl;
    }

    /** The certificate (see {@link #issue}) as a PDF file to save. */
    public Mono<ResponseEntity<byte[]>> download(String volunteer, LocalDate from, LocalDate to,
                                                 ServerWebExchange exchange) {
        return issue(volunteer, from, to, exchange).map(pdf -> ResponseEntity
                .ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"volunteer-hours-certificate.pdf\"").body(pdf));
    }

    /** The PDF certificate of the volunteer's hours credited for duties held from {@code from} to {@code to}. */
    public Mono<byte[]> issue(String volunteer, LocalDate from, LocalDate to, ServerWebExchange exchange) {
        if (from.isAfter(to)) {
            return Mono.error(new ApiProblemException(ErrorCode.INVALID_PERIOD,
                                                      "The period ends (" + to + ") before it starts (" + from + ")"));
        }
        return throttle.admitIssue(volunteer)
                       .then(Mono.zip(volunteering.duties(volunteer).map(duties -> certified(duties, from, to)),
                                      accounts.find(volunteer).map(AccountSummary::displayName)))
                       .flatMap(found -> {
                           String name = found.getT2();
                           String code = Certificates.code(secret.hmac(Certificates.content(volunteer, name, from, to,
                                                                                            found.getT1())));
                           return commands.send(new IssueCertificateCommand(code, volunteer, name, from, to,
                                                                            found.getT1()), exchange)
                                          .onErrorResume(AggregateStreamCreationException.class,
                                                         issuedBefore -> Mono.empty())
                                          .then(views.visible(new FindCertificateQuery(code), CertificateRecord.class,
                                                              certificate -> true));
                       })
                       .publishOn(Schedulers.boundedElastic())
                       .map(certificate -> CertificatePdf.of(certificate, verificationPage(certificate.code(),
                                                                                           exchange)));
    }

    /** What anyone who holds a certificate's code may learn of it; 404 when there is no such certificate. */
    public Mono<CertificateVerification> verify(String typedCode, ServerWebExchange exchange) {
        String code = Certificates.normalized(typedCode);
        return throttle.admitLookup(exchange)
                       .then(code.isEmpty() ? Mono.empty() : views.find(new FindCertificateQuery(code),
                                                                        CertificateRecord.class))
                       .switchIfEmpty(Mono.error(() -> new ApiProblemException(
                               ErrorCode.CERTIFICATE_NOT_FOUND, "There is no certificate with the code " + typedCode)))
                       .map(CertificateVerification::of);
    }

    /** Duties with hours credited, held (Beijing time) within the period, oldest first. */
    private static List<CertifiedDuty> certified(List<VolunteerDuty> duties, LocalDate from, LocalDate to) {
        return duties.stream().filter(duty -> duty.minutes() != null)
                     .map(duty -> new CertifiedDuty(duty.postId(), duty.title(),
                                                    duty.startsAt().atZone(LocalTime.ZONE).toLocalDate(),
                                                    duty.minutes()))
                     .filter(duty -> !duty.date().isBefore(from) && !duty.date().isAfter(to))
                     .toList();
    }

    /**
     * The public page of the code: under {@code platform.public-url} when set (as it must be behind a proxy), else
     * under the address this request came to.
     */
    private URI verificationPage(String code, ServerWebExchange exchange) {
        UriComponentsBuilder base = publicUrl.isBlank()
                ? UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replacePath(null).replaceQuery(null)
                : UriComponentsBuilder.fromUriString(publicUrl);
        return base.path("/certificates/{code}").buildAndExpand(code).toUri();
    }
}
