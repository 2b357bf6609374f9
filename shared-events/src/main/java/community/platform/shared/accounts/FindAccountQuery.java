package community.platform.shared.accounts;

/** Answered with an optional {@link AccountSummary}. */
public record FindAccountQuery(String username) {
}
