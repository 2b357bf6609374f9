package community.platform.shared;

/**
 * Every business rule a command can break, with the HTTP status its problem response carries. The slug is the
 * stable part of the problem {@code type} ({@code /problems/<slug>}): clients may rely on it.
 */
public enum ErrorCode {

    USERNAME_TAKEN("username-taken", 409, "Username taken"),
    ACCOUNT_NOT_FOUND("account-not-found", 404, "Account not found"),
    ROLE_NOT_HELD("role-not-held", 409, "Role not held"),
    CONCURRENT_MODIFICATION("concurrent-modification", 409, "Changed by someone else"),
    INVALID_SCHEDULE("invalid-schedule", 422, "Invalid times"),
    INVALID_CAPACITY("invalid-capacity", 422, "Invalid capacity"),
    NOT_THE_ORGANIZER("not-the-organizer", 403, "Not the organizer of this record"),
    POST_NOT_OPEN("post-not-open", 409, "The post is cancelled or completed"),
    SIGN_UP_CLOSED("sign-up-closed", 409, "Sign-up has closed"),
    ALREADY_SIGNED_UP("already-signed-up", 409, "Already signed up"),
    NOT_SIGNED_UP("not-signed-up", 409, "Not signed up"),
    OVERLAPPING_SIGN_UP("overlapping-sign-up", 409, "Overlaps another duty"),
    NOT_ON_ROSTER("not-on-roster", 409, "Not on the confirmed roster"),
    VENUE_CLASH("venue-clash", 409, "The venue is booked at that time"),
    EVENT_NOT_OPEN("event-not-open", 409, "The event is cancelled or over"),
    ALREADY_REGISTERED("already-registered", 409, "Already registered"),
    NOT_REGISTERED("not-registered", 409, "Not registered for this event"),
    NOT_A_COMPETITION("not-a-competition", 422, "Only a competition takes entries"),
    ALREADY_SUBMITTED("already-submitted", 409, "One entry per person"),
    COUPLET_LINE_LENGTH("couplet-line-length", 422, "Each line is 4 to 32 characters"),
    COUPLET_LINES_UNEQUAL("couplet-lines-unequal", 422, "The upper and lower lines differ in length"),
    COUPLET_SCROLL_LENGTH("couplet-scroll-length", 422, "The horizontal scroll is 2 to 8 characters"),
    INVALID_SCORE("invalid-score", 422, "A score is 0 to 100"),
    ENTRY_NOT_FOUND("entry-not-found", 404, "No such entry"),
    INVALID_ATTENDANCE("invalid-attendance", 422, "Invalid attendance times"),
    INVALID_COURSE("invalid-course", 422, "Title and instructor are required"),
    INVALID_GRADE_RANGE("invalid-grade-range", 422, "Grades are 1 to 6, the minimum not above the maximum"),
    INVALID_SESSIONS("invalid-sessions", 422, "A course has 1 to 40 sessions"),
    OVERLAPPING_SESSIONS("overlapping-sessions", 422, "Two sessions of the course overlap"),
    COURSE_NOT_OPEN("course-not-open", 409, "The course is not open for this"),
    COURSE_NOT_OVER("course-not-over", 409, "The course's last session has not ended"),
    GRADE_OUT_OF_RANGE("grade-out-of-range", 422, "The child's grade is outside the course's range"),
    ALREADY_ENROLLED("already-enrolled", 409, "The child is already enrolled"),
    OVERLAPPING_ENROLLMENT("overlapping-enrollment", 409, "Overlaps another course of the child"),
    ENROLLMENT_NOT_FOUND("enrollment-not-found", 404, "No such enrollment"),
    NOT_THE_GUARDIAN("not-the-guardian", 403, "Not the guardian who enrolled the child"),
    SESSION_NOT_FOUND("session-not-found", 404, "No such session"),
    SESSION_NOT_STARTED("session-not-started", 409, "The session has not started"),
    SESSION_STARTED("session-started", 409, "The session has started already"),
    SESSION_CANCELLED("session-cancelled", 409, "The session is cancelled"),
    NOT_ENROLLED("not-enrolled", 409, "Not enrolled in this course"),
    CONFLICTING_MARKS("conflicting-marks", 422, "One child, two marks for a session"),
    INVALID_FEEDBACK("invalid-feedback", 422, "A rating is 1 to 5, a comment at most 2000 characters"),
    FEEDBACK_NOT_ALLOWED("feedback-not-allowed", 403, "Only a guardian whose child attended may give feedback"),
    FEEDBACK_ALREADY_GIVEN("feedback-already-given", 409, "Feedback was given already"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key used for another request"),
    REQUEST_IN_PROGRESS("request-in-progress", 409, "The same request is still in progress"),
    ERASURE_DECIDED("erasure-decided", 409, "The erasure request was decided already"),
    ERASURE_NOT_FOUND("erasure-not-found", 404, "No such erasure request"),
    CONSENT_REQUIRED("consent-required", 422, "The guardian's consent is required"),
    NEIGHBOURHOOD_EXISTS("neighbourhood-exists", 409, "A neighbourhood of that name exists"),
    NEIGHBOURHOOD_NOT_FOUND("neighbourhood-not-found", 404, "No such neighbourhood"),
    NOT_AN_ORGANIZER("not-an-organizer", 409, "Only an organizer can be appointed"),
    NOT_YOUR_NEIGHBOURHOOD("not-your-neighbourhood", 403, "Not a neighbourhood you were appointed to"),
    INVALID_PERIOD("invalid-period", 422, "Invalid period"),
    INVALID_SERIES("invalid-series", 422, "Invalid recurrence"),
    INVALID_REMINDERS("invalid-reminders", 422, "Invalid reminder preferences"),
    SERIES_NOT_FOUND("series-not-found", 404, "No such series"),
    NO_HOURS("no-hours", 422, "No hours in the period"),
    CERTIFICATE_NOT_FOUND("certificate-not-found", 404, "No such certificate");

    private final String slug;
    private final int status;
    private final String title;

    ErrorCode(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
