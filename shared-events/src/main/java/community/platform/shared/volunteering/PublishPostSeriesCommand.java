package community.platform.shared.volunteering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * An organizer publishes a series of duties: the same post on every date an iCalendar recurrence rule ({@code rrule},
 * RFC 5545, with a COUNT or an UNTIL date) gives from {@code firstDate}, but the dates in {@code exceptions}, each from
 * {@code startTime} to {@code endTime} Beijing time. Each occurrence becomes a post of its own.
 */
public record PublishPostSeriesCommand(@TargetAggregateIdentifier String seriesId, String organizer, String title,
                                       String description, String team, String location, int capacity,
                                       String neighbourhoodId, LocalTime startTime, LocalTime endTime, String rrule,
                                       LocalDate firstDate, List<LocalDate> exceptions) {
}
