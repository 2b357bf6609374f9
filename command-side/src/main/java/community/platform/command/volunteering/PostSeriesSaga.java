package community.platform.command.volunteering;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.volunteering.PostSeriesPublishedEvent.Occurrence;
import community.platform.shared.volunteering.PostSeriesPublishedEvent;
import community.platform.shared.volunteering.PublishVolunteerPostCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Publishes each occurrence of a series as a post of its own, under the id the series named for it. Each post commits
 * on its own; if the process dies half-way, the event is handled again and the posts made before are found made (their
 * streams exist), so none is made twice and none is missed. A post the platform refuses by then (its time has passed
 * while the process was down) is left out, and the log says so.
 */
@Saga // public, with a public constructor: Axon creates sagas by reflection from its own package
public class PostSeriesSaga {

    private static final Logger log = LoggerFactory.getLogger(PostSeriesSaga.class);

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "seriesId")
    void on(PostSeriesPublishedEvent series, OwnCommits commands) {
        for (Occurrence occurrence : series.occurrences()) {
            try {
                commands.send(new PublishVolunteerPostCommand(occurrence.postId(), series.organizer(), series.title(),
                                                              series.description(), series.team(), series.location(),
                                                              occurrence.startsAt(), occurrence.endsAt(),
                                                              series.capacity(), null, List.of(),
                                                              series.neighbourhoodId()));
            } catch (AggregateStreamCreationException madeBefore) {
                log.debug("{} of series {} was published before", occurrence.postId(), series.seriesId());
            } catch (CommandExecutionException refused) {
                log.warn("{} of series {} was not published: {}", occurrence.postId(), series.seriesId(),
                         refused.getMessage());
            }
        }
    }

    public PostSeriesSaga() {
        // required by Axon
    }
}
