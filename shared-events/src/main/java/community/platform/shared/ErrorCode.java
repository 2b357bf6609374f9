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
