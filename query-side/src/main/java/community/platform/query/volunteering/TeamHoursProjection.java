package community.platform.query.volunteering;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.processing.CaughtUp;
import community.platform.query.views.Lookups;
import community.platform.shared.volunteering.FindTeamHoursQuery;
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

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/**
 * Hours by team and month ({@value #CELLS}): one document per organizer, team and month (of the shift, Beijing time),
 * holding the minutes each post of that organizer and team in that month was given ({@link MinutesLedger}; what each
 * post contributes in {@value #POSTS}).
 */
@Component
@ProcessingGroup(TeamHoursProjection.GROUP)
class TeamHoursProjection {

    static final String GROUP = "team-hours";
    static final String CELLS = "teamHours";
    static final String POSTS = "teamHoursPosts";

    private final MongoCollection<Document> cells;
    private final MinutesLedger ledger;
    private final CaughtUp caughtUp;

    public TeamHoursProjection(MongoDatabase platformViewDatabase, CaughtUp caughtUp) {
        this.cells = platformViewDatabase.getCollection(CELLS);
        this.ledger = new MinutesLedger(cells, platformViewDatabase.getCollection(POSTS),
                                        post -> post.organizer() + "|" + post.team() + "|" + post.month(),
                                        post -> Updates.combine(Updates.set("organizer", post.organizer()),
                                                                Updates.set("team", post.team()),
                                                                Updates.set("month", post.month())));
        this.caughtUp = caughtUp;
        Lookups.by(cells, "organizer");
    }

    @EventHandler
    void on(VolunteerPostEvent event, @SequenceNumber long sequence) {
        ledger.on(event, sequence);
    }

    @ResetHandler
    void reset() {
        ledger.reset();
    }

    /** The organizer's cells, as a table: a row per team, a column per month that has minutes. */
    @QueryHandler
    CompletableFuture<Optional<TeamHours>> handle(FindTeamHoursQuery query) {
        return caughtUp.await(GROUP)
                       .thenMany(Flux.defer(() -> cells.find(eq("organizer", query.organizer()))))
                       .collectList()
                       .map(found -> Optional.of(MinutesLedger.table(found)))
                       .toFuture();
    }
}
