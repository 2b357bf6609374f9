package community.platform.shared.audit;

/** Why a person got a seat, a queue place or a promotion in a record (a post, a festival event, a course). */
public record ExplainPlacementQuery(String recordId, String username) {
}
