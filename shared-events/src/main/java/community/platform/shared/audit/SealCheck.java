package community.platform.shared.audit;

/**
 * The answer to {@link VerifySealQuery}. A seal taken before the store's personal data was encrypted in place can only
 * be matched against the hashes the rewritten commits kept from before ({@link StoreResealedEvent}): then
 * {@code resealedAt} is the last position that step covered and {@code digestAfter} the digest the log gives there
 * now, which holds only if it equals a seal the auditor kept after that step. Both are null for a seal matched against
 * the log as it is.
 */
public record SealCheck(boolean verified, Long resealedAt, String digestAfter) {

    public static SealCheck of(boolean verified) {
        return new SealCheck(verified, null, null);
    }
}
