package community.platform.shared.courses;

/** Every course one organizer made, drafts included, by first session. */
public record FindOrganizerCoursesQuery(String organizer) {
}
