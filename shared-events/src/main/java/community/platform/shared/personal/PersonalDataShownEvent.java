package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

/** An auditor was shown a record's personal fields unmasked, for the reason they gave. */
@Revision("1")
public record PersonalDataShownEvent(String accessId, String auditor, String streamId, String reason) {
}
