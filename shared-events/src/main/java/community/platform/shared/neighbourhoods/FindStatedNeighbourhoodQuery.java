package community.platform.shared.neighbourhoods;

/** Answered with the id of the neighbourhood the resident stated, or null when they stated none. */
public record FindStatedNeighbourhoodQuery(String username) {
}
