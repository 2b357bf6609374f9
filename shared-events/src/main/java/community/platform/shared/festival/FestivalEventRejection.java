package community.platform.shared.festival;

import community.platform.shared.ErrorCode;

/** A turned-down request, with the rule it broke and the event in the way. */
public record FestivalEventRejection(String eventId, int request, ErrorCode code, String detail, String subject) {
}
