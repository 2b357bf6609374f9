package community.platform.shared.volunteering;

import community.platform.shared.RuleViolation;

/**
 * Why a requested slot may not stay ({@link CheckDutySlotCommand}'s answer): the refusal to record, and the slot it
 * overlaps, held for {@code postId} by {@code requestId} (null for a slot held before requests had ids). Both are null
 * when a newer request for the same post replaced the one checked.
 */
public record DutyClash(RuleViolation refusal, String postId, String requestId) {
}
