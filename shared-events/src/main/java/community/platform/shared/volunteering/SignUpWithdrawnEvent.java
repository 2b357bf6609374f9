package community.platform.shared.volunteering;

import org.axonframework.serialization.Revision;

/** A volunteer left a seat (confirmed) or the queue (not confirmed); queue positions behind them move up by one. */
@Revision("1")
public record SignUpWithdrawnEvent(String postId, String volunteer, boolean confirmed) implements VolunteerPostEvent {
}
