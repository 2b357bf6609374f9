package community.platform.shared.audit;

/**
 * The store's personal data was encrypted in place once, and its hash chains sealed again over the ciphertext: the log
 * up to {@code position} gave the seal digest {@code digestBefore} before and gives {@code digestAfter} now. Every
 * rewritten commit keeps the hash it had before ({@code resealedFrom}), inside what its new hash covers, so a seal
 * kept from before still verifies, and the two digests let an auditor follow the step.
 *
 * @param commitsRewritten commits that hold new ciphertext or link to a commit that does
 * @param fieldsEncrypted  personal fields and client addresses that were plain text and are now encrypted
 * @param eventsLeftPlain  events that could not be read as any current event type (their fields are as they were)
 */
public record StoreResealedEvent(long position, String digestBefore, String digestAfter, long commitsRewritten,
                                 long fieldsEncrypted, long eventsLeftPlain) {
}
