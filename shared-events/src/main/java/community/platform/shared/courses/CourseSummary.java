package community.platform.shared.courses;

import java.util.List;

/**
 * A course as its catalogue card and its page show it: the course, its sessions, and how many children hold a seat
 * and wait in the queue, without their names. {@code version} is the sequence of the last event applied.
 */
public record CourseSummary(String id, String organizer, String title, String description, String instructor,
                            int minGrade, int maxGrade, int capacity, boolean published, boolean completed,
                            List<CourseDetails.Session> sessions, int enrolled, int waitlisted, long version,
                            String neighbourhoodId) {

    public CourseStatus status() {
        return CourseStatus.of(published, completed, enrolled, capacity);
    }

    /** Seats not taken yet. */
    public int openSeats() {
        return Math.max(0, capacity - enrolled);
    }
}
