package community.platform.command.volunteering;

import community.platform.command.handling.RuleViolatedException;
import community.platform.command.neighbourhoods.NeighbourhoodPolicy;
import community.platform.shared.ErrorCode;
import community.platform.shared.volunteering.PostSeriesPublishedEvent.Occurrence;
import community.platform.shared.volunteering.PostSeriesPublishedEvent;
import community.platform.shared.volunteering.PublishPostSeriesCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A weekly duty roster: one post's details on every date of its pattern ({@link SeriesPattern}). Publishing it names
 * each occurrence's post; a process ({@link PostSeriesSaga}) then publishes those posts, each with its own seats and
 * waitlist, and from then on each is a post like any other.
 */
@Aggregate
class PostSeries {

    @AggregateIdentifier
    private String seriesId;

    @CommandHandler
    PostSeries(PublishPostSeriesCommand command, NeighbourhoodPolicy neighbourhoods) {
        neighbourhoods.requireAppointed(command.neighbourhoodId(), command.organizer());
        if (command.capacity() < 1 || command.capacity() > VolunteerPost.MAX_CAPACITY) {
            throw new RuleViolatedException(ErrorCode.INVALID_CAPACITY, "Capacity is 1 to "
                    + VolunteerPost.MAX_CAPACITY + ", not " + command.capacity());
        }
        SeriesPattern.requireTimes(command.startTime(), command.endTime());
        List<LocalDate> dates = new SeriesPattern(command.rrule(), command.firstDate(), command.exceptions()).dates();
        List<Occurrence> occurrences = new ArrayList<>();
        for (LocalDate date : dates) {
            occurrences.add(new Occurrence("post-" + command.seriesId() + "-" + (occurrences.size() + 1),
                                           date.atTime(command.startTime()).atZone(SeriesPattern.ZONE).toInstant(),
                                           date.atTime(command.endTime()).atZone(SeriesPattern.ZONE).toInstant()));
        }
        if (!occurrences.get(0).startsAt().isAfter(GenericEventMessage.clock.instant())) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE, "The series must start in the future");
        }
        apply(new PostSeriesPublishedEvent(command.seriesId(), command.organizer(), command.title(),
                                           command.description(), command.team(), command.location(),
                                           command.capacity(), command.neighbourhoodId(), command.rrule().strip(),
                                           occurrences));
    }

    @EventSourcingHandler
    void on(PostSeriesPublishedEvent event) {
        seriesId = event.seriesId();
    }

    PostSeries() {
        // required by Axon
    }
}
