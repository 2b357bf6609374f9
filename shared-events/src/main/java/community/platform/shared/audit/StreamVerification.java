package community.platform.shared.audit;

/**
 * Whether a record's hash chain holds; when it does not, the first sequence from which its history cannot be trusted.
 */
public record StreamVerification(boolean intact, Long brokenFrom) {

    public static StreamVerification holds() {
        return new StreamVerification(true, null);
    }

    public static StreamVerification brokenAt(long sequence) {
        return new StreamVerification(false, sequence);
    }
}
