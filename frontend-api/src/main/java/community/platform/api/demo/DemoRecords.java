package community.platform.api.demo;

import community.platform.api.web.Commands;
import community.platform.api.web.LocalTime;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.ScheduleFestivalEventCommand;
import community.platform.shared.volunteering.PublishVolunteerPostCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Demo records for a fresh store ({@code PLATFORM_DEMO=true}): two volunteer posts, a couplet competition in a venue,
 * and a published Sunshine 330 course, all by the demo organizer and in the coming weeks, so every page and endpoint
 * has something to show.
 */
@Component
public class DemoRecords {

    private static final Logger log = LoggerFactory.getLogger(DemoRecords.class);
    private static final String ORGANIZER = "demo-organizer";
    private static final String ROLES = "ORGANIZER,RESIDENT";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Commands commands;

    public DemoRecords(Commands commands) {
        this.commands = commands;
    }

    public void seed() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate saturday = today.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        LocalDate monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        send(new PublishVolunteerPostCommand(id("post"), ORGANIZER, "健康守护值班 Health safeguarding duty",
                                             "Temperature checks and guidance at the square", "health safeguarding",
                                             "Central Square 中心广场", at(saturday, 9, 0), at(saturday, 12, 0), 4,
                                             null, List.of("first aid")));
        send(new PublishVolunteerPostCommand(id("post"), ORGANIZER, "公园清洁 Park clean-up",
                                             "Litter picking along the river path", "green", "East Park 东园",
                                             at(saturday.plusDays(1), 14, 0), at(saturday.plusDays(1), 16, 0), 10,
                                             null, List.of()));
        String eventId = "fe-" + UUID.randomUUID();
        String venue = "文化中心 Culture Centre";
        LocalDate eve = today.plusDays(30);
        send(new ScheduleFestivalEventCommand(eventId, ORGANIZER, "春联大赛 Couplet competition", EventKind.COMPETITION,
                                              venue, at(eve, 14, 0), at(eve, 17, 0), 50,
                                              "Write a couplet for the new year: equal lines, a horizontal scroll"));
        String courseId = "course-" + UUID.randomUUID();
        send(new CreateCourseCommand(courseId, ORGANIZER, "剪纸 Paper cutting", "Window flowers and zodiac animals",
                                     "Teacher Wu", 2, 4, 20, IntStream.range(0, 8).mapToObj(week -> new CourseSession(
                                             0, at(monday.plusWeeks(week), 15, 30), at(monday.plusWeeks(week), 17, 0),
                                             "Room 2")).toList()));
        send(new PublishCourseCommand(courseId, ORGANIZER));
        log.info("Demo records created: two volunteer posts, a couplet competition and a Sunshine 330 course");
    }

    private void send(Object command) {
        commands.sendAs(command, ORGANIZER, ROLES, null).then(Mono.just(true)).block(WAIT);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static Instant at(LocalDate date, int hour, int minute) {
        return LocalTime.at(date, java.time.LocalTime.of(hour, minute));
    }
}
