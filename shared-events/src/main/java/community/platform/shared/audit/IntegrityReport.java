package community.platform.shared.audit;

import java.util.List;

/**
 * Whether every stream's hash chain holds and every global position is accounted for.
 *
 * @param verified      nothing found broken or missing, now or in an earlier check since the last full one
 * @param events        events verified so far
 * @param streams       streams verified so far
 * @param firstBrokenAt the first finding, if any
 * @param findings      how many findings there are in all
 * @param broken        the first findings, at most {@value #LISTED}: a broken stream (its first bad commit), or a
 *                      global position that no commit or void marker holds ({@code streamId} null)
 * @param checkedFrom   the first position this check read; 0 for a full check
 * @param settledUpTo   every position up to here is verified; the next check continues after it
 * @param unsettled     positions after it that are handed out but not yet written (commits on their way)
 * @param unmarked      empty positions this check read that a version before void markers left: it gave positions up
 *                      without a trace, so they are evidence of nothing
 */
public record IntegrityReport(boolean verified, long events, long streams, BrokenLink firstBrokenAt, long findings,
                              List<BrokenLink> broken, long checkedFrom, long settledUpTo, long unsettled,
                              long unmarked) {

    public static final int LISTED = 100;

    /**
     * A stream and the first sequence of its commit whose content or link does not match; or, with no stream, a
     * global position nothing holds, as {@code sequence}.
     */
    public record BrokenLink(String streamId, long sequence, String reason) {
    }
}
