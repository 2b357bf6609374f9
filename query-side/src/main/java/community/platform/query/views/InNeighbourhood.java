package community.platform.query.views;

import com.mongodb.client.model.Filters;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.bson.conversions.Bson;

/** Filters a list by neighbourhood; a view stored before neighbourhoods has none, and so is in the default one. */
public final class InNeighbourhood {

    private InNeighbourhood() {
    }

    public static Bson filter(String field, String neighbourhoodId) {
        return Neighbourhoods.DEFAULT.equals(neighbourhoodId)
                ? Filters.or(Filters.eq(field, neighbourhoodId), Filters.exists(field, false))
                : Filters.eq(field, neighbourhoodId);
    }
}
