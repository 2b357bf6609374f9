package community.platform.shared.courses;

/** The events of one child's schedule, which keeps their courses from overlapping. */
public sealed interface ChildScheduleEvent permits CourseSlotsReservedEvent, CourseSlotsMovedEvent,
        CourseSlotsReleasedEvent {

    String scheduleId();
}
