package community.platform.shared.organizers;

/** What one organizer's landing page shows. Answered with an {@link OrganizerDashboard}. */
public record FindOrganizerDashboardQuery(String organizer) {
}
