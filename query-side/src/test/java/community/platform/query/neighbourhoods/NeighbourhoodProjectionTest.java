package community.platform.query.neighbourhoods;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.neighbourhoods.ListNeighbourhoodsQuery;
import community.platform.shared.neighbourhoods.Neighbourhood;
import community.platform.shared.neighbourhoods.NeighbourhoodCreatedEvent;
import community.platform.shared.neighbourhoods.OrganizerAppointedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.List;

/** The neighbourhoods' list against the embedded server, read back through its query handler. */
class NeighbourhoodProjectionTest {

    private EmbeddedMongo mongo;
    private NeighbourhoodProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new NeighbourhoodProjection(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Mono<List<Neighbourhood>> list() {
        return Mono.fromFuture(() -> projection.handle(new ListNeighbourhoodsQuery()));
    }

    @Test
    void neighbourhoodsAreListedByNameWithTheirAreasAndOrganizersEachOnce() {
        projection.on(new NeighbourhoodCreatedEvent("nb-2", "Xihu", List.of("Lakeside")));
        projection.on(new NeighbourhoodCreatedEvent("nb-1", "Donghu", List.of("Cuiyuan", "Donghu Estate")));
        projection.on(new OrganizerAppointedEvent("nb-1", "wang"));
        projection.on(new OrganizerAppointedEvent("nb-1", "wang"));
        // handled again after a crash: nothing changes
        projection.on(new NeighbourhoodCreatedEvent("nb-1", "Donghu", List.of("Cuiyuan", "Donghu Estate")));

        StepVerifier.create(list())
                    .expectNext(List.of(new Neighbourhood("nb-1", "Donghu", List.of("Cuiyuan", "Donghu Estate"),
                                                          List.of("wang")),
                                        new Neighbourhood("nb-2", "Xihu", List.of("Lakeside"), List.of())))
                    .verifyComplete();
    }
}
