package community.platform.query.volunteering;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.processing.CaughtUp;
import community.platform.shared.volunteering.FindNeighbourhoodTeamHoursQuery;
import community.platform.shared.volunteering.ListNeighbourhoodHoursQuery;
import community.platform.shared.volunteering.NeighbourhoodHours;
import community.platform.shared.volunteering.TeamHours;
import community.platform.shared.volunteering.VolunteerPostEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Hours by neighbourhood ({@value #CELLS}): one cell per organizer, neighbourhood, team and month, as
 * {@link TeamHoursProjection} keeps them without the neighbourhood ({@link MinutesLedger}). It serves an organizer's
 * hours in one neighbourhood, and the sub-district's totals by neighbourhood. Its own processor, so it was built from
 * the whole log when it first ran: a post published before there were neighbourhoods counts in the default one.
 */
@Component
@ProcessingGroup(NeighbourhoodHoursProjection.GROUP)
class NeighbourhoodHoursProjection {

    static final String GROUP = "neighbourhood-hours";
    static final String CELLS = "neighbourhoodHours";
    static final String POSTS = "neighbourhoodHoursPosts";

    private final MongoCollection<Document> cells;
    private final MinutesLedger ledger;
    private final CaughtUp caughtUp;

    NeighbourhoodHoursProjection(MongoDatabase platformViewDatabase, CaughtUp caughtUp) {
        this.cells = platformViewDatabase.getCollection(CELLS);
        this.ledger = new MinutesLedger(cells, platformViewDatabase.getCollection(POSTS),
                                        post -> String.join("|", post.organizer(), post.neighbourhoodId(),
                                                            post.team(), post.month()),
                                        post -> Updates.combine(Updates.set("organizer", post.organizer()),
                                                                Updates.set("neighbourhoodId", post.neighbourhoodId()),
                                                                Updates.set("team", post.team()),
                                                                Updates.set("month", post.month())));
        this.caughtUp = caughtUp;
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        ledger.on(event, sequence);
    }

    @ResetHandler
    void reset() {
        ledger.reset();
    }

    @QueryHandler
    CompletableFuture<Optional<TeamHours>> handle(FindNeighbourhoodTeamHoursQuery query) {
        return caughtUp.await(GROUP)
                       .thenMany(Flux.defer(() -> cells.find(Filters.and(
                               Filters.eq("organizer", query.organizer()),
                               Filters.eq("neighbourhoodId", query.neighbourhoodId())))))
                       .collectList()
                       .map(found -> Optional.of(MinutesLedger.table(found)))
                       .toFuture();
    }

    @QueryHandler
    CompletableFuture<List<NeighbourhoodHours>> handle(ListNeighbourhoodHoursQuery query) {
        return caughtUp.await(GROUP)
                       .thenMany(Flux.defer(cells::find))
                       .collectList()
                       .map(NeighbourhoodHoursProjection::totals)
                       .toFuture();
    }

    private static List<NeighbourhoodHours> totals(List<Document> found) {
        Map<String, Long> minutes = new HashMap<>();
        Map<String, Set<String>> posts = new HashMap<>();
        Map<String, Set<String>> organizers = new HashMap<>();
        for (Document cell : found) {
            long given = MinutesLedger.minutes(cell);
            if (given > 0) {
                String neighbourhood = cell.getString("neighbourhoodId");
                minutes.merge(neighbourhood, given, Long::sum);
                posts.computeIfAbsent(neighbourhood, n -> new HashSet<>())
                     .addAll(cell.get("posts", new Document()).keySet());
                organizers.computeIfAbsent(neighbourhood, n -> new HashSet<>()).add(cell.getString("organizer"));
            }
        }
        return minutes.entrySet().stream()
                      .map(n -> new NeighbourhoodHours(n.getKey(), n.getValue(), posts.get(n.getKey()).size(),
                                                       organizers.get(n.getKey()).size()))
                      .sorted(Comparator.comparingLong(NeighbourhoodHours::minutes).reversed()
                                        .thenComparing(NeighbourhoodHours::neighbourhoodId))
                      .toList();
    }
}
