package community.platform.api.neighbourhoods;

import community.platform.api.volunteering.Hours;
import community.platform.shared.neighbourhoods.Neighbourhood;
import community.platform.shared.volunteering.NeighbourhoodHours;

import java.math.BigDecimal;

/**
 * {@code GET /api/admin/neighbourhoods/report}: one neighbourhood's volunteer hours, the posts they were given on and
 * the organizers of those posts.
 */
public record NeighbourhoodReport(String id, String name, BigDecimal hours, int posts, int organizers) {

    static NeighbourhoodReport of(Neighbourhood neighbourhood, NeighbourhoodHours hours) {
        return new NeighbourhoodReport(neighbourhood.id(), neighbourhood.name(), Hours.of(hours.minutes()),
                                       hours.posts(), hours.organizers());
    }
}
