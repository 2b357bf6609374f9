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
    INVALID_ATTENDANCE("invalid-attendance", 422, "Invalid attendance times"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key used for another request"),
    REQUEST_IN_PROGRESS("request-in-progress", 409, "The same request is still in progress");

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
