package community.platform.shared.accounts;

/**
 * Everything the accounts view holds of one account, for its owner's copy. Answered with an optional
 * {@link AccountRecord}.
 */
public record FindAccountRecordQuery(String username) {
}
