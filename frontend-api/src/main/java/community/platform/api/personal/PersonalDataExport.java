package community.platform.api.personal;

import community.platform.api.volunteering.Hours;
import community.platform.api.web.LocalTime;
import community.platform.shared.accounts.AccountRecord;
import community.platform.shared.accounts.Role;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.EnrollmentOutcome;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.ResidentFestivalRecord;
import community.platform.shared.notices.Notice;
import community.platform.shared.personal.ConsentRecord;
import community.platform.shared.volunteering.VolunteerDuty;
import community.platform.shared.volunteering.VolunteerRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the platform holds about one person and the children they enrolled, as they take it away: built only from
 * the views' answers to queries keyed by that person, and from those answers only the parts that are theirs (a shared
 * post, event or course answers its other members too, so each section filters by the caller once more).
 */
public record PersonalDataExport(OffsetDateTime exportedAt, Account account, List<SignUp> signUps,
                                 List<Attendance> hours, List<Registration> registrations, List<Entry> entries,
                                 List<Enrollment> enrollments, List<SessionMark> attendance,
                                 List<Feedback> feedback, List<Message> notices, List<Consent> consents) {

    public record Account(String username, String displayName, String phone, List<Role> roles,
                          OffsetDateTime registeredAt) {
    }

    public record SignUp(String postId, String title, OffsetDateTime startsAt, OffsetDateTime endsAt,
                         VolunteerDuty.Status status, Integer waitlistPosition, OffsetDateTime signedUpAt) {
    }

    public record Attendance(String postId, String title, OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt,
                             Long minutes, BigDecimal hours, List<Correction> corrections) {
    }

    public record Correction(OffsetDateTime at, long minutes, Long replacedMinutes, String reason) {
    }

    public record Registration(String eventId, String title, EventKind kind, OffsetDateTime startsAt,
                               OffsetDateTime endsAt, ResidentFestivalRecord.Registration status,
                               Integer waitlistPosition) {
    }

    public record Entry(String eventId, String eventTitle, String entryId, String upperLine, String lowerLine,
                        String horizontalScroll) {
    }

    public record Enrollment(String courseId, String courseTitle, String enrollmentId, String childName,
                             int childGrade, EnrollmentOutcome.Status status, Integer waitlistPosition) {
    }

    public record SessionMark(String courseId, String courseTitle, String enrollmentId, String childName,
                              int session, OffsetDateTime sessionStartsAt, AttendanceMark mark) {
    }

    public record Feedback(String courseId, String courseTitle, String enrollmentId, int rating, String comment) {
    }

    public record Message(String id, OffsetDateTime createdAt, String subject, String body, boolean read) {
    }

    /**
     * A guardian's consent to the processing of a child's data, as given on asking to enroll the child, and when it
     * was withdrawn; the child's name as the course holds it (null once it no longer does).
     */
    public record Consent(String courseId, String courseTitle, String enrollmentId, String childName, String version,
                          OffsetDateTime givenAt, OffsetDateTime withdrawnAt) {
    }

    static PersonalDataExport of(Instant now, String caller, AccountRecord account, List<VolunteerRecord> posts,
                                 List<ResidentFestivalRecord> events, List<CourseDetails> courses,
                                 List<Notice> notices, List<ConsentRecord> consents) {
        List<CourseDetails> theirs = courses.stream().filter(course -> !enrollments(course, caller).isEmpty()
                || course.feedback().stream().anyMatch(f -> caller.equals(f.guardian()))).toList();
        return new PersonalDataExport(
                LocalTime.of(now),
                new Account(account.username(), account.displayName(), account.phone(),
                            account.roles().stream().sorted().toList(), LocalTime.of(account.registeredAt())),
                posts.stream().map(PersonalDataExport::signUp).toList(),
                posts.stream().filter(PersonalDataExport::attended).map(PersonalDataExport::attendance).toList(),
                events.stream().filter(e -> e.registration() != null).map(PersonalDataExport::registration).toList(),
                events.stream().flatMap(e -> e.entries().stream().map(x -> new Entry(
                        e.eventId(), e.title(), x.entryId(), x.upperLine(), x.lowerLine(), x.horizontalScroll())))
                      .toList(),
                theirs.stream().flatMap(course -> enrollments(course, caller).stream().map(e -> new Enrollment(
                        course.id(), course.title(), e.enrollmentId(), e.childName(), e.childGrade(),
                        course.waitlistPosition(e.enrollmentId()).isPresent() ? EnrollmentOutcome.Status.WAITLISTED
                                                                              : EnrollmentOutcome.Status.ENROLLED,
                        course.waitlistPosition(e.enrollmentId()).orElse(null)))).toList(),
                theirs.stream().flatMap(course -> marks(course, caller)).toList(),
                theirs.stream().flatMap(course -> course.feedback().stream()
                        .filter(f -> caller.equals(f.guardian()))
                        .map(f -> new Feedback(course.id(), course.title(), f.enrollmentId(), f.rating(),
                                               f.comment()))).toList(),
                notices.stream().filter(n -> caller.equals(n.recipient()))
                       .map(n -> new Message(n.id(), LocalTime.of(n.createdAt()), n.subject(), n.body(), n.read()))
                       .toList(),
                consents.stream().map(c -> new Consent(c.courseId(), c.courseTitle(), c.enrollmentId(),
                                                       childName(theirs, caller, c.enrollmentId()), c.version(),
                                                       LocalTime.of(c.givenAt()), LocalTime.of(c.withdrawnAt())))
                        .toList());
    }

    private static String childName(List<CourseDetails> courses, String caller, String enrollmentId) {
        return courses.stream().flatMap(course -> enrollments(course, caller).stream())
                      .filter(e -> e.enrollmentId().equals(enrollmentId)).map(CourseDetails.Enrollment::childName)
                      .findFirst().orElse(null);
    }

    private static List<CourseDetails.Enrollment> enrollments(CourseDetails course, String caller) {
        return Stream.concat(course.enrolled().stream(), course.waitlist().stream())
                     .filter(e -> caller.equals(e.guardian())).toList();
    }

    private static Stream<SessionMark> marks(CourseDetails course, String caller) {
        return enrollments(course, caller).stream().flatMap(e -> e.marks().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(mark -> new SessionMark(course.id(), course.title(), e.enrollmentId(), e.childName(),
                                             mark.getKey(), startOf(course, mark.getKey()), mark.getValue())));
    }

    private static OffsetDateTime startOf(CourseDetails course, int session) {
        return course.sessions().stream().filter(s -> s.number() == session).findFirst()
                     .map(s -> LocalTime.of(s.startsAt())).orElse(null);
    }

    private static SignUp signUp(VolunteerRecord post) {
        return new SignUp(post.postId(), post.title(), LocalTime.of(post.startsAt()), LocalTime.of(post.endsAt()),
                          post.status(), post.waitlistPosition(), LocalTime.of(post.signedUpAt()));
    }

    private static boolean attended(VolunteerRecord post) {
        return post.checkedInAt() != null || post.minutes() != null || !post.corrections().isEmpty();
    }

    private static Attendance attendance(VolunteerRecord post) {
        return new Attendance(post.postId(), post.title(), LocalTime.of(post.checkedInAt()),
                              LocalTime.of(post.checkedOutAt()), post.minutes(),
                              post.minutes() == null ? null : Hours.of(post.minutes()),
                              post.corrections().stream().map(c -> new Correction(
                                      LocalTime.of(c.at()), c.minutes(), c.replacedMinutes(), c.reason())).toList());
    }

    private static Registration registration(ResidentFestivalRecord event) {
        return new Registration(event.eventId(), event.title(), event.kind(), LocalTime.of(event.startsAt()),
                                LocalTime.of(event.endsAt()), event.registration(), event.waitlistPosition());
    }
}
