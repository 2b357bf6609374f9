package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An auditor asks to see a record's personal fields, and says why; recorded before anything is shown. */
public record RecordPersonalDataShownCommand(@TargetAggregateIdentifier String accessId, String auditor,
                                             String streamId, String reason) {
}
