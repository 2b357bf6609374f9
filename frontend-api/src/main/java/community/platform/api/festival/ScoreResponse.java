package community.platform.api.festival;

/** {@code POST /api/festival-events/{id}/entries/{entryId}/scores}: the score as it now stands for that judge. */
public record ScoreResponse(String entryId, String judge, int score) {
}
