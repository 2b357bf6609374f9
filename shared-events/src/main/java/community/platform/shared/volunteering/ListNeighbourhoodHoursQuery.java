package community.platform.shared.volunteering;

/** The sub-district's volunteer hours by neighbourhood: a list of {@link NeighbourhoodHours}, most minutes first. */
public record ListNeighbourhoodHoursQuery() {
}
