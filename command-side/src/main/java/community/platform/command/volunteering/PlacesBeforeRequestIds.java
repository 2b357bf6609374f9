package community.platform.command.volunteering;

import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.saga.AssociationResolver;

/**
 * Which duties process a place on a post concerns: the post's, for a place given before requests had ids, and none
 * for a place given on a request, whose process held the time with the request and has nothing to do. Such a place
 * then does not load and store the post's process again, with every volunteer it holds time for, once per sign-up.
 */
public class PlacesBeforeRequestIds implements AssociationResolver { // public: Axon creates it by reflection

    /** On a handler of anything but a place, the start fails. */
    @Override
    public <T> void validate(String associationPropertyName, MessageHandlingMember<T> handler) {
        Class<?> payload = handler.payloadType();
        if (payload != VolunteerSignedUpEvent.class && payload != VolunteerWaitlistedEvent.class) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " resolves only places on a post, not "
                                               + payload.getName());
        }
    }

    @Override
    public <T> Object resolve(String associationPropertyName, EventMessage<?> message,
                              MessageHandlingMember<T> handler) {
        Object place = message.getPayload();
        if (place instanceof VolunteerSignedUpEvent signedUp) {
            return signedUp.requestId() == null ? signedUp.postId() : null;
        }
        if (place instanceof VolunteerWaitlistedEvent waitlisted) {
            return waitlisted.requestId() == null ? waitlisted.postId() : null;
        }
        throw new IllegalArgumentException("Not a place on a post: " + place.getClass().getName());
    }
}
