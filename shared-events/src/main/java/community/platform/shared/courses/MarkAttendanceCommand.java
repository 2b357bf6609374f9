package community.platform.shared.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Marks for one session, all or none; answered with the course's version after them. */
public record MarkAttendanceCommand(@TargetAggregateIdentifier String courseId, String organizer, int sessionNo,
                                    List<Mark> marks, String reason) {

    public MarkAttendanceCommand(String courseId, String organizer, int sessionNo, List<Mark> marks) {
        this(courseId, organizer, sessionNo, marks, null);
    }

    public record Mark(String enrollmentId, AttendanceMark mark) {
    }
}
