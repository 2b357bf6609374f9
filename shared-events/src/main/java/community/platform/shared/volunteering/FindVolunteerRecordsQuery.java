package community.platform.shared.volunteering;

/**
 * Every post on which the volunteer holds a seat or a place in the queue, as held. Answered with a list of
 * {@link VolunteerRecord}.
 */
public record FindVolunteerRecordsQuery(String volunteer) {
}
