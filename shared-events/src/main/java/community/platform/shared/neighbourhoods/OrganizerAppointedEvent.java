package community.platform.shared.neighbourhoods;

import org.axonframework.serialization.Revision;

@Revision("1")
public record OrganizerAppointedEvent(String neighbourhoodId, String organizer) {
}
