package community.platform.shared.neighbourhoods;

/** Answered with every {@link Neighbourhood} of the sub-district, by name. */
public record ListNeighbourhoodsQuery() {
}
