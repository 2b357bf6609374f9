package community.platform.command.certificates;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.certificates.CertificateIssuedEvent;
import community.platform.shared.certificates.CertifiedDuty;
import community.platform.shared.certificates.IssueCertificateCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A certificate of a volunteer's hours, as issued: it never changes afterwards. A later correction of an attendance it
 * counts is a new event of the post's, which the certificate's verification page shows beside it.
 */
@Aggregate
class Certificate {

    @AggregateIdentifier
    private String code;

    @CommandHandler
    Certificate(IssueCertificateCommand command) {
        if (command.from().isAfter(command.to())) {
            throw new RuleViolatedException(ErrorCode.INVALID_PERIOD, "The period ends before it starts");
        }
        if (command.duties().isEmpty()) {
            throw new RuleViolatedException(ErrorCode.NO_HOURS,
                                            "No hours were credited for duties from " + command.from() + " to "
                                                    + command.to());
        }
        apply(new CertificateIssuedEvent(command.code(), command.volunteer(), command.displayName(), command.from(),
                                         command.to(), command.duties(),
                                         command.duties().stream().mapToLong(CertifiedDuty::minutes).sum()));
    }

    @EventSourcingHandler
    void on(CertificateIssuedEvent event) {
        code = event.code();
    }

    Certificate() {
        // required by Axon
    }
}
