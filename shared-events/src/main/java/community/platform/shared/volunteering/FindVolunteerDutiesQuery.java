package community.platform.shared.volunteering;

/** A volunteer's duties (seats and queue places, with hours where recorded). Answered with a list. */
public record FindVolunteerDutiesQuery(String volunteer) {
}
