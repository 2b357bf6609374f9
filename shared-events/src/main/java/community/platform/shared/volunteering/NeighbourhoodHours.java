package community.platform.shared.volunteering;

/** One neighbourhood's volunteer hours: the minutes credited on its posts, how many posts, and how many organizers. */
public record NeighbourhoodHours(String neighbourhoodId, long minutes, int posts, int organizers) {
}
