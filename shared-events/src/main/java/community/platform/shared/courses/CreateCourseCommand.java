package community.platform.shared.courses;

import community.platform.shared.neighbourhoods.Neighbourhoods;

import java.util.List;

/** The aggregate numbers the sessions from 1 in the order given; the numbers they carry are ignored. */
public record CreateCourseCommand(String courseId, String organizer, String title, String description,
                                  String instructor, int minGrade, int maxGrade, int capacity,
                                  List<CourseSession> sessions,
                                  String neighbourhoodId) {

    /** In the default neighbourhood. */
    public CreateCourseCommand(String courseId, String organizer, String title, String description,
                                  String instructor, int minGrade, int maxGrade, int capacity,
                                  List<CourseSession> sessions) {
        this(courseId, organizer, title, description, instructor, minGrade, maxGrade, capacity, sessions, Neighbourhoods.DEFAULT);
    }
}
