package community.platform.shared.audit;

/** Whether every stream's hash chain holds, over how many events, and the first broken link if one does not. */
public record IntegrityReport(boolean verified, long events, long streams, BrokenLink firstBrokenAt) {

    /** The stream and the first sequence of the commit whose content or link does not match. */
    public record BrokenLink(String streamId, long sequence, String reason) {
    }
}
