package community.platform.command.festival;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;

/**
 * The couplet rules: an upper and a lower line of equal length, 4 to 32 characters each, and a horizontal scroll of
 * 2 to 8. Characters are Unicode code points (a character outside the Basic Multilingual Plane is one, not two Java
 * chars); surrounding whitespace and punctuation do not count.
 */
final class Couplet {

    private Couplet() {
    }

    static void check(String upperLine, String lowerLine, String horizontalScroll) {
        int upper = length(upperLine);
        int lower = length(lowerLine);
        if (upper < 4 || upper > 32 || lower < 4 || lower > 32) {
            throw new RuleViolatedException(ErrorCode.COUPLET_LINE_LENGTH,
                                            "Each line is 4 to 32 characters; these have " + upper + " and " + lower);
        }
        if (upper != lower) {
            throw new RuleViolatedException(ErrorCode.COUPLET_LINES_UNEQUAL,
                                            "The upper line has " + upper + " characters and the lower " + lower);
        }
        int scroll = length(horizontalScroll);
        if (scroll < 2 || scroll > 8) {
            throw new RuleViolatedException(ErrorCode.COUPLET_SCROLL_LENGTH,
                                            "The horizontal scroll is 2 to 8 characters, not " + scroll);
        }
    }

    /** Code points, without leading and trailing whitespace and punctuation. */
    static int length(String line) {
        int[] codePoints = (line == null ? "" : line).codePoints().toArray();
        int from = 0;
        int to = codePoints.length;
        while (from < to && ignorable(codePoints[from])) {
            from++;
        }
        while (to > from && ignorable(codePoints[to - 1])) {
            to--;
        }
        return to - from;
    }

    private static boolean ignorable(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
