package community.platform.api.courses;

import community.platform.api.web.Commands;
import community.platform.api.web.Holds;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.courses.Children;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.FindCourseQuery;
import community.platform.shared.courses.MoveCourseSlotsCommand;
import community.platform.shared.courses.ReleaseCourseSlotsCommand;
import community.platform.shared.courses.ReserveCourseSlotsCommand;
import community.platform.shared.courses.TimeSpan;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.stream.Stream;

/** Children's schedules, which keep a child's courses from overlapping (see {@link Holds} for stale holds). */
@Component
class ChildSchedules {

    private final Commands commands;
    private final Views views;

    ChildSchedules(Commands commands, Views views) {
        this.commands = commands;
        this.views = views;
    }

    /** True when the course's time is newly held for the child, false when it was held already. */
    Mono<Boolean> hold(String guardian, String childName, CourseDetails course, ServerWebExchange exchange) {
        return Holds.hold(commands.send(new ReserveCourseSlotsCommand(Children.scheduleOf(guardian, childName),
                                                                      course.id(), course.title(), spans(course)),
                                        exchange),
                          ErrorCode.OVERLAPPING_ENROLLMENT, other -> stillHolds(guardian, childName, other),
                          other -> release(guardian, childName, other, exchange));
    }

    Mono<Void> release(String guardian, String childName, String courseId, ServerWebExchange exchange) {
        return Holds.release(commands.send(new ReleaseCourseSlotsCommand(Children.scheduleOf(guardian, childName),
                                                                         courseId), exchange),
                             childName + "'s hold on " + courseId);
    }

    /** Every enrolled or waiting child's held time follows the course's sessions as they now stand. */
    Mono<Void> move(CourseDetails course, ServerWebExchange exchange) {
        return Flux.fromStream(Stream.concat(course.enrolled().stream(), course.waitlist().stream()))
                   .concatMap(e -> commands.send(new MoveCourseSlotsCommand(
                           Children.scheduleOf(e.guardian(), e.childName()), course.id(), spans(course)), exchange))
                   .then();
    }

    private Mono<Boolean> stillHolds(String guardian, String childName, String courseId) {
        String child = Children.key(guardian, childName);
        return views.find(new FindCourseQuery(courseId), CourseDetails.class)
                    .map(course -> Stream.concat(course.enrolled().stream(), course.waitlist().stream())
                                         .anyMatch(e -> Children.key(e.guardian(), e.childName()).equals(child)))
                    .defaultIfEmpty(false);
    }

    /** The sessions a child's time is held for: all but the cancelled ones. */
    private static List<TimeSpan> spans(CourseDetails course) {
        return course.sessions().stream().filter(s -> !s.cancelled())
                     .map(s -> new TimeSpan(s.startsAt(), s.endsAt())).toList();
    }
}
