package community.platform.command.personal;

import community.platform.shared.personal.PersonalDataShownEvent;
import community.platform.shared.personal.RecordPersonalDataShownCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One time an auditor was shown personal fields, and why: a record of its own, never changed. */
@Aggregate
class PersonalDataAccess {

    @AggregateIdentifier
    private String accessId;

    @CommandHandler
    public PersonalDataAccess(RecordPersonalDataShownCommand command) {
        apply(new PersonalDataShownEvent(
                command.accessId(), command.auditor(), command.streamId(), command.reason()));
    }

    @EventSourcingHandler
    void on(PersonalDataShownEvent event) {
        accessId = event.accessId();
    }

    PersonalDataAccess() {
        // required by Axon
    }
}
