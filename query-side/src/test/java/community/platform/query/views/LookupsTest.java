package community.platform.query.views;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import community.platform.query.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The views' lookup indexes, against the embedded server: made once, and one that cannot be made stops nothing. */
class LookupsTest {

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final MongoCollection<Document> views = mongo.database().getCollection("probes");

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void eachFieldGetsItsIndexAndAskingAgainChangesNothing() {
        Lookups.by(views, "owner", "team");
        Lookups.by(views, "owner", "team");

        assertThat(names()).containsExactlyInAnyOrder("_id_", "owner_1", "team_1");
    }

    @Test
    void anIndexThatCannotBeMadeIsReportedAndTheOthersAreStillMade() {
        // an operator's index of the same name with other options: the store refuses ours
        Mono.from(views.createIndex(Indexes.ascending("owner"), new IndexOptions().unique(true))).block();

        assertThatCode(() -> Lookups.by(views, "owner", "team")).doesNotThrowAnyException();
        assertThat(names()).containsExactlyInAnyOrder("_id_", "owner_1", "team_1");
    }

    private List<String> names() {
        return Flux.from(views.listIndexes()).map(index -> index.getString("name")).collectList().block();
    }
}
