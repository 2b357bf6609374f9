package community.platform.shared.courses;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * A course as the query side keeps it, everything its screens show: sessions, seats in order, queue in order,
 * attendance marks (the latest per session), feedback and the completion records. {@code version} is the sequence of
 * the last event applied.
 */
public record CourseDetails(String id, String organizer, String title, String description, String instructor,
                            int minGrade, int maxGrade, int capacity, boolean published, boolean completed,
                            List<Session> sessions, List<Enrollment> enrolled, List<Enrollment> waitlist,
                            List<Feedback> feedback, List<CourseCompletion> completions, long version,
                            String neighbourhoodId) {

    public record Session(int number, Instant startsAt, Instant endsAt, String room, boolean cancelled) {
    }

    /** Marks are keyed by session number. */
    public record Enrollment(String enrollmentId, String guardian, String childName, int childGrade,
                             Map<Integer, AttendanceMark> marks) {

        public long attended() {
            return marks.values().stream().filter(AttendanceMark::attended).count();
        }
    }

    public record Feedback(String enrollmentId, String guardian, int rating, String comment) {
    }

    public CourseStatus status() {
        return CourseStatus.of(published, completed, enrolled.size(), capacity);
    }

    public Optional<Enrollment> enrollment(String enrollmentId) {
        return Stream.concat(enrolled.stream(), waitlist.stream())
                     .filter(e -> e.enrollmentId().equals(enrollmentId)).findFirst();
    }

    /** 1 is next in line; empty when not in the queue. */
    public Optional<Integer> waitlistPosition(String enrollmentId) {
        for (int i = 0; i < waitlist.size(); i++) {
            if (waitlist.get(i).enrollmentId().equals(enrollmentId)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    public Instant firstSessionStartsAt() {
        return sessions.stream().map(Session::startsAt).min(Instant::compareTo).orElse(Instant.MAX);
    }

    /** The average rating, rounded to two places; null without feedback. */
    public Double averageRating() {
        OptionalDouble average = feedback.stream().mapToInt(Feedback::rating).average();
        return average.isPresent() ? Math.round(average.getAsDouble() * 100) / 100.0 : null;
    }
}
