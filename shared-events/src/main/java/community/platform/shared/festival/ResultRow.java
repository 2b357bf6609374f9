package community.platform.shared.festival;

/** Ranked by the average of the judges' scores, ties to the earlier submission; unscored entries come last. */
public record ResultRow(int rank, String entryId, String author, String upperLine, String lowerLine,
                        String horizontalScroll, Double averageScore) {
}
