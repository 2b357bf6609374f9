package community.platform.shared.courses;

import java.util.List;

/** The aggregate numbers the sessions from 1 in the order given; the numbers they carry are ignored. */
public record CreateCourseCommand(String courseId, String organizer, String title, String description,
                                  String instructor, int minGrade, int maxGrade, int capacity,
                                  List<CourseSession> sessions) {
}
