package community.platform.command.courses;

import community.platform.command.calendar.OverlapPolicy;
import community.platform.command.calendar.TimeSlot;
import community.platform.command.handling.LocalTimes;
import community.platform.command.handling.RuleViolatedException;
import community.platform.command.neighbourhoods.NeighbourhoodPolicy;
import community.platform.command.places.Places;
import community.platform.shared.ErrorCode;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.AttendanceMarkedEvent;
import community.platform.shared.courses.CancelCourseSessionCommand;
import community.platform.shared.courses.CheckEnrollmentHeldCommand;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.Children;
import community.platform.shared.courses.CompleteCourseCommand;
import community.platform.shared.courses.ConfirmEnrollmentCommand;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseFeedbackGivenEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.EnrollmentAdoptedEvent;
import community.platform.shared.courses.EnrollmentClearedEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentRejectedEvent;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.GiveCourseFeedbackCommand;
import community.platform.shared.courses.MarkAttendanceCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.courses.RejectEnrollmentCommand;
import community.platform.shared.courses.RescheduleCourseSessionCommand;
import community.platform.shared.courses.WithdrawEnrollmentCommand;
import community.platform.shared.personal.ChildDataNotice;
import community.platform.shared.personal.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Sunshine 330 course: its sessions, its seats and queue of enrolled children, their attendance, feedback and
 * completion. Every enrollment for one course is decided here, one at a time, as for volunteer posts. A term of 40
 * sessions and 60 children is a few thousand events, so courses are snapshotted.
 */
@Aggregate(snapshotTriggerDefinition = "courseSnapshots")
class Course {

    static final int MIN_GRADE = 1;
    static final int MAX_GRADE = 6;
    static final int MAX_CAPACITY = 60;
    static final int MAX_SESSIONS = 40;
    static final int MAX_COMMENT = 2000;

    @AggregateIdentifier
    private String courseId;
    private String organizer;
    private String title;
    private int minGrade;
    private int maxGrade;
    private int capacity;
    private boolean published;
    private boolean completed;
    private TreeMap<Integer, CourseSession> sessions;
    private Set<Integer> cancelledSessions;
    private Places places;
    private Map<String, Child> children;
    private Map<String, Map<Integer, AttendanceMark>> marks;
    private Set<String> feedbackGiven;
    /** Requests the enrollment process has not decided yet, in the order they were made. */
    private Map<String, Request> pending;
    /** Pending requests whose time is held, waiting for the requests made before them. */
    private Set<String> cleared;
    private Set<String> rejected;
    /** Enrollments whose held time the enrollment process keeps: requested through it, or adopted by it. */
    private Set<String> kept;

    /** Who an enrollment is for: the guardian and the child, known by their key (see {@link Children#key}). */
    record Child(String guardian, @PersonalData(subject = "guardian", ofChild = true) String name) {
        String key() {
            return Children.key(guardian, name);
        }
    }

    record Request(String guardian, @PersonalData(subject = "guardian", ofChild = true) String name, int grade) {
        String key() {
            return Children.key(guardian, name);
        }
    }

    @CommandHandler
    public Course(CreateCourseCommand command, NeighbourhoodPolicy neighbourhoods) {
        neighbourhoods.requireAppointed(command.neighbourhoodId(), command.organizer());
        if (blank(command.title()) || blank(command.instructor())) {
            throw new RuleViolatedException(ErrorCode.INVALID_COURSE, "A course needs a title and an instructor");
        }
        if (command.minGrade() < MIN_GRADE || command.maxGrade() > MAX_GRADE
                || command.minGrade() > command.maxGrade()) {
            throw new RuleViolatedException(ErrorCode.INVALID_GRADE_RANGE,
                                            "Grades are " + MIN_GRADE + " to " + MAX_GRADE + " with the minimum not "
                                                    + "above the maximum, not " + command.minGrade() + " to "
                                                    + command.maxGrade());
        }
        if (command.capacity() < 1 || command.capacity() > MAX_CAPACITY) {
            throw new RuleViolatedException(ErrorCode.INVALID_CAPACITY,
                                            "Capacity is 1 to " + MAX_CAPACITY + ", not " + command.capacity());
        }
        int count = command.sessions() == null ? 0 : command.sessions().size();
        if (count < 1 || count > MAX_SESSIONS) {
            throw new RuleViolatedException(ErrorCode.INVALID_SESSIONS,
                                            "A course has 1 to " + MAX_SESSIONS + " sessions, not " + count);
        }
        List<CourseSession> numbered = new ArrayList<>();
        for (CourseSession session : command.sessions()) {
            CourseSession next = new CourseSession(numbered.size() + 1, session.startsAt(), session.endsAt(),
                                                   session.room());
            requireValid(next, numbered);
            numbered.add(next);
        }
        apply(new CourseCreatedEvent(command.courseId(), command.organizer(), command.title().strip(),
                                     command.description(), command.instructor().strip(), command.minGrade(),
                                     command.maxGrade(), command.capacity(), numbered, command.neighbourhoodId()));
    }

    @CommandHandler
    public long handle(PublishCourseCommand command) {
        requireOrganizer(command.organizer());
        requireNotCompleted();
        if (!published) {
            apply(new CoursePublishedEvent(courseId));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(RescheduleCourseSessionCommand command) {
        requireOrganizer(command.organizer());
        requireNotCompleted();
        CourseSession previous = upcomingSession(command.sessionNo());
        CourseSession moved = new CourseSession(previous.number(), command.span().startsAt(), command.span().endsAt(),
                                                blank(command.room()) ? previous.room() : command.room().strip());
        requireValid(moved, heldSessions().filter(s -> s.number() != previous.number()).toList());
        adoptHeldTime();
        apply(new CourseSessionRescheduledEvent(courseId, previous, moved, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(CancelCourseSessionCommand command) {
        requireOrganizer(command.organizer());
        requireNotCompleted();
        CourseSession cancelled = upcomingSession(command.sessionNo());
        adoptHeldTime();
        apply(new CourseSessionCancelledEvent(courseId, cancelled, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Records the request when the rules this course owns hold; the child's schedule is the enrollment process's
     * step, and the seat or queue place is decided on its {@link ConfirmEnrollmentCommand}.
     */
    long request(EnrollChildCommand command, String childId) {
        if (known(command.enrollmentId())) {
            return AggregateLifecycle.getVersion();
        }
        requireConsent(command);
        RuleViolatedException closed = closedForEnrollment();
        if (closed != null) {
            throw closed;
        }
        if (command.childGrade() < minGrade || command.childGrade() > maxGrade) {
            throw new RuleViolatedException(ErrorCode.GRADE_OUT_OF_RANGE,
                                            "This course is for grades " + minGrade + " to " + maxGrade
                                                    + ", not grade " + command.childGrade());
        }
        String key = Children.key(command.guardian(), command.childName());
        String already = children.entrySet().stream()
                                 .filter(held -> held.getValue().key().equals(key) && places.holds(held.getKey()))
                                 .map(Map.Entry::getKey)
                                 .findFirst()
                                 .orElseGet(() -> pending().entrySet().stream()
                                                           .filter(asked -> asked.getValue().key().equals(key))
                                                           .map(Map.Entry::getKey).findFirst().orElse(null));
        if (already != null) {
            throw new RuleViolatedException(ErrorCode.ALREADY_ENROLLED,
                                            command.childName().strip() + " is already enrolled in this course",
                                            already);
        }
        apply(new EnrollmentRequestedEvent(courseId, command.enrollmentId(), command.guardian(),
                                           command.childName().strip(), command.childGrade(), title(),
                                           heldSessions().toList(), true, command.consentVersion(), childId));
        return AggregateLifecycle.getVersion();
    }

    /** The name of the child an enrollment of this guardian's is for (refused to anyone else, without the name). */
    String childOf(String enrollmentId, String guardian) {
        Child child = children.get(enrollmentId);
        Request request = pending().get(enrollmentId);
        String guardianOf = child != null ? child.guardian() : request != null ? request.guardian() : null;
        if (guardianOf == null) {
            throw new RuleViolatedException(ErrorCode.ENROLLMENT_NOT_FOUND,
                                            "There is no enrollment " + enrollmentId + " in this course");
        }
        if (!guardianOf.equals(guardian)) {
            throw new RuleViolatedException(ErrorCode.NOT_THE_GUARDIAN,
                                            "Only the guardian who made an enrollment may ask for the child's erasure");
        }
        return child != null ? child.name() : request.name();
    }

    /**
     * Seat or queue, in the order the requests were made: a request whose time is held waits ({@link
     * EnrollmentClearedEvent}) until every request made before it is decided, and is then decided with them. A course
     * that closed while the time was being held refuses instead.
     */
    @CommandHandler
    public long handle(ConfirmEnrollmentCommand command) {
        String enrollmentId = command.enrollmentId();
        if (!pending().containsKey(enrollmentId) || cleared().contains(enrollmentId)) {
            return AggregateLifecycle.getVersion();
        }
        if (!enrollmentId.equals(oldestRequest())) {
            apply(new EnrollmentClearedEvent(courseId, enrollmentId));
            return AggregateLifecycle.getVersion();
        }
        decide(enrollmentId);
        decideInOrder();
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(RejectEnrollmentCommand command) {
        if (pending().containsKey(command.enrollmentId())) {
            apply(new EnrollmentRejectedEvent(courseId, command.enrollmentId(), command.code(), command.detail(),
                                              command.subject()));
            decideInOrder();
        }
        return AggregateLifecycle.getVersion();
    }

    /** Null while the enrollment stands behind the child's time (requested, seated or queued); else this version. */
    @CommandHandler
    public Long handle(CheckEnrollmentHeldCommand command) {
        String enrollmentId = command.enrollmentId();
        boolean stands = pending().containsKey(enrollmentId)
                || (children.containsKey(enrollmentId) && places.holds(enrollmentId));
        return stands ? null : AggregateLifecycle.getVersion();
    }

    /** Decides the oldest requests for as long as their time is held. */
    private void decideInOrder() {
        while (!pending().isEmpty() && cleared().contains(oldestRequest())) {
            decide(oldestRequest());
        }
    }

    private String oldestRequest() {
        return pending.keySet().iterator().next();
    }

    private void decide(String enrollmentId) {
        Request request = pending.get(enrollmentId);
        RuleViolatedException closed = closedForEnrollment();
        if (closed != null) {
            apply(new EnrollmentRejectedEvent(courseId, enrollmentId, closed.code(), closed.getMessage(), null));
            return;
        }
        Places.Placement placement = places.place(capacity);
        if (!placement.seated()) {
            apply(new ChildWaitlistedEvent(courseId, enrollmentId, request.guardian(), request.name(),
                                           request.grade(), capacity, placement.seatedBefore(),
                                           placement.queuePosition()));
        } else {
            apply(new ChildEnrolledEvent(courseId, enrollmentId, request.guardian(), request.name(),
                                         request.grade(), capacity, placement.seatedBefore()));
        }
    }

    @CommandHandler
    public long handle(WithdrawEnrollmentCommand command) {
        requireNotCompleted();
        Child child = children.get(command.enrollmentId());
        if (child == null || !places.holds(command.enrollmentId())) {
            throw new RuleViolatedException(ErrorCode.ENROLLMENT_NOT_FOUND,
                                            "There is no enrollment " + command.enrollmentId() + " in this course");
        }
        if (!child.guardian().equals(command.guardian())) {
            throw new RuleViolatedException(ErrorCode.NOT_THE_GUARDIAN,
                                            "Only the guardian who made an enrollment may withdraw it");
        }
        String movesUp = places.movesUpWhenLeaving(command.enrollmentId());
        adoptHeldTime();
        apply(new EnrollmentWithdrawnEvent(courseId, command.enrollmentId(), child.guardian(),
                                           places.isSeated(command.enrollmentId())));
        if (movesUp != null) {
            apply(new EnrollmentPromotedEvent(courseId, movesUp, children.get(movesUp).guardian(), capacity,
                                              places.seatedCount(), 1));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(MarkAttendanceCommand command) {
        requireOrganizer(command.organizer());
        requireNotCompleted();
        CourseSession session = sessions.get(command.sessionNo());
        if (session == null) {
            throw new RuleViolatedException(ErrorCode.SESSION_NOT_FOUND,
                                            "This course has no session " + command.sessionNo());
        }
        if (cancelledSessions.contains(session.number())) {
            throw new RuleViolatedException(ErrorCode.SESSION_CANCELLED,
                                            "Session " + session.number() + " is cancelled");
        }
        if (now().isBefore(session.startsAt())) {
            throw new RuleViolatedException(ErrorCode.SESSION_NOT_STARTED,
                                            "Session " + session.number() + " starts at "
                                                    + LocalTimes.at(session.startsAt()));
        }
        Set<String> seen = new HashSet<>();
        for (MarkAttendanceCommand.Mark mark : command.marks()) {
            if (!seen.add(mark.enrollmentId())) {
                throw new RuleViolatedException(ErrorCode.CONFLICTING_MARKS,
                                                mark.enrollmentId() + " is marked twice", mark.enrollmentId());
            }
            if (!places.isSeated(mark.enrollmentId())) {
                throw new RuleViolatedException(ErrorCode.NOT_ENROLLED,
                                                mark.enrollmentId() + " is not an enrolled child of this course",
                                                mark.enrollmentId());
            }
        }
        for (MarkAttendanceCommand.Mark mark : command.marks()) {
            AttendanceMark before = marks.get(mark.enrollmentId()).get(session.number());
            if (before != mark.mark()) {
                apply(new AttendanceMarkedEvent(courseId, session.number(), mark.enrollmentId(), mark.mark(), before,
                                                before == null ? null : command.reason()));
            }
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(GiveCourseFeedbackCommand command) {
        if (command.rating() < 1 || command.rating() > 5
                || (command.comment() != null && command.comment().length() > MAX_COMMENT)) {
            throw new RuleViolatedException(ErrorCode.INVALID_FEEDBACK,
                                            "A rating is 1 to 5 and a comment at most " + MAX_COMMENT
                                                    + " characters");
        }
        List<String> attendedOfGuardian = children.entrySet().stream()
                .filter(e -> e.getValue().guardian().equals(command.guardian()))
                .map(Map.Entry::getKey)
                .filter(id -> command.enrollmentId() == null || id.equals(command.enrollmentId()))
                .filter(id -> marks.get(id).values().stream().anyMatch(AttendanceMark::attended))
                .toList();
        if (attendedOfGuardian.isEmpty()) {
            throw new RuleViolatedException(ErrorCode.FEEDBACK_NOT_ALLOWED,
                                            "Only a guardian whose child attended at least one session may give "
                                                    + "feedback");
        }
        String enrollmentId = attendedOfGuardian.stream().filter(id -> !feedbackGiven.contains(id)).findFirst()
                .orElseThrow(() -> new RuleViolatedException(ErrorCode.FEEDBACK_ALREADY_GIVEN,
                                                             "Feedback is given once per enrollment, and was given"));
        apply(new CourseFeedbackGivenEvent(courseId, enrollmentId, command.guardian(), command.rating(),
                                           command.comment() == null ? "" : command.comment().strip()));
        return AggregateLifecycle.getVersion();
    }

    /** Decides every enrolled child's completion by the 80% rule, over the sessions that were held. */
    @CommandHandler
    public long handle(CompleteCourseCommand command) {
        requireOrganizer(command.organizer());
        requireNotCompleted();
        if (!published) {
            throw new RuleViolatedException(ErrorCode.COURSE_NOT_OPEN, "The course was never published");
        }
        Instant lastEnd = lastSessionEnd();
        if (now().isBefore(lastEnd)) {
            throw new RuleViolatedException(ErrorCode.COURSE_NOT_OVER,
                                            "The last session ends at " + LocalTimes.at(lastEnd));
        }
        int held = (int) heldSessions().count();
        List<CourseCompletion> records = new ArrayList<>();
        for (String enrollmentId : children.keySet()) {
            if (places.isSeated(enrollmentId)) {
                Child child = children.get(enrollmentId);
                int attended = (int) marks.get(enrollmentId).values().stream()
                                          .filter(AttendanceMark::attended).count();
                records.add(new CourseCompletion(enrollmentId, child.guardian(), child.name(), attended, held,
                                                 CompletionPolicy.ATTENDED_EIGHTY_PERCENT.completes(attended, held)));
            }
        }
        apply(new CourseCompletedEvent(courseId, held, records));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Enrollments made before the enrollment process kept children's time are handed to it, with the sessions as
     * they stand, before the course next changes their time; from then on the process moves and releases it.
     */
    private void adoptHeldTime() {
        for (Map.Entry<String, Child> enrollment : children.entrySet()) {
            if (places.holds(enrollment.getKey()) && !kept().contains(enrollment.getKey())) {
                Child child = enrollment.getValue();
                apply(new EnrollmentAdoptedEvent(courseId, enrollment.getKey(),
                                                 Children.scheduleOf(child.guardian(), child.name()), title(),
                                                 heldSessions().toList()));
            }
        }
    }

    private boolean known(String enrollmentId) {
        return children.containsKey(enrollmentId) || pending().containsKey(enrollmentId)
                || rejected().contains(enrollmentId);
    }

    // A snapshot taken before these fields existed loads them as null: read as empty, made when first written.
    private Map<String, Request> pending() {
        return pending == null ? Map.of() : pending;
    }

    private Set<String> cleared() {
        return cleared == null ? Set.of() : cleared;
    }

    private Set<String> rejected() {
        return rejected == null ? Set.of() : rejected;
    }

    private Set<String> kept() {
        return kept == null ? Set.of() : kept;
    }

    private String title() {
        return title == null ? courseId : title;
    }

    private Instant lastSessionEnd() {
        return heldSessions().map(CourseSession::endsAt).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    private Stream<CourseSession> heldSessions() {
        return sessions.values().stream().filter(s -> !cancelledSessions.contains(s.number()));
    }

    /** A session that can still change: it exists, is not cancelled and has not started. */
    private CourseSession upcomingSession(int number) {
        CourseSession session = sessions.get(number);
        if (session == null) {
            throw new RuleViolatedException(ErrorCode.SESSION_NOT_FOUND, "This course has no session " + number);
        }
        if (cancelledSessions.contains(number)) {
            throw new RuleViolatedException(ErrorCode.SESSION_CANCELLED, "Session " + number + " is cancelled");
        }
        if (!now().isBefore(session.startsAt())) {
            throw new RuleViolatedException(ErrorCode.SESSION_STARTED,
                                            "Session " + number + " started at " + LocalTimes.at(session.startsAt()));
        }
        return session;
    }

    /** Ends after it starts, starts in the future, and overlaps none of the others. */
    private static void requireValid(CourseSession session, List<CourseSession> others) {
        if (session.startsAt() == null || session.endsAt() == null || !session.endsAt().isAfter(session.startsAt())) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE,
                                            "Session " + session.number() + " must end after it starts");
        }
        if (!session.startsAt().isAfter(now())) {
            throw new RuleViolatedException(ErrorCode.INVALID_SCHEDULE,
                                            "Session " + session.number() + " must start in the future");
        }
        for (CourseSession other : others) {
            if (OverlapPolicy.oneAtATime.clashes(TimeSlot.of(other.span()), TimeSlot.of(session.span()))) {
                throw new RuleViolatedException(ErrorCode.OVERLAPPING_SESSIONS,
                                                "Session " + session.number() + " overlaps session " + other.number()
                                                        + ", " + LocalTimes.span(other.startsAt(), other.endsAt()));
            }
        }
    }

    /**
     * A child's data is processed only with the guardian's consent to the notice as it stands now: consent given to
     * an older text is not consent to this one.
     */
    private static void requireConsent(EnrollChildCommand command) {
        if (!command.consent()) {
            throw new RuleViolatedException(ErrorCode.CONSENT_REQUIRED,
                                            "Enrolling a child needs the guardian's consent to the notice on "
                                                    + "children's personal information (version "
                                                    + ChildDataNotice.VERSION + ")");
        }
        if (!ChildDataNotice.isCurrent(command.consentVersion())) {
            String given = blank(command.consentVersion()) ? "names no notice version"
                    : "was given to notice version " + command.consentVersion().strip();
            throw new RuleViolatedException(ErrorCode.CONSENT_REQUIRED,
                                            "The consent " + given + ", not to the current version "
                                                    + ChildDataNotice.VERSION + ": read the current notice and "
                                                    + "consent to it");
        }
    }

    /** Why the course takes no enrollment now (completed, unpublished or over), or null when it does. */
    private RuleViolatedException closedForEnrollment() {
        if (completed) {
            return new RuleViolatedException(ErrorCode.COURSE_NOT_OPEN, "The course " + courseId + " is completed");
        }
        if (!published) {
            return new RuleViolatedException(ErrorCode.COURSE_NOT_OPEN, "Enrollment opens when the course is published");
        }
        Instant lastEnd = lastSessionEnd();
        if (!now().isBefore(lastEnd)) {
            return new RuleViolatedException(ErrorCode.COURSE_NOT_OPEN,
                                             "The course's last session ended at " + LocalTimes.at(lastEnd));
        }
        return null;
    }

    private void requireNotCompleted() {
        if (completed) {
            throw new RuleViolatedException(ErrorCode.COURSE_NOT_OPEN, "The course " + courseId + " is completed");
        }
    }

    private void requireOrganizer(String caller) {
        if (!organizer.equals(caller)) {
            throw new RuleViolatedException(ErrorCode.NOT_THE_ORGANIZER,
                                            "Only " + organizer + ", who created this course, may change it");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(CourseCreatedEvent event) {
        courseId = event.courseId();
        organizer = event.organizer();
        title = event.title();
        minGrade = event.minGrade();
        maxGrade = event.maxGrade();
        capacity = event.capacity();
        sessions = new TreeMap<>();
        event.sessions().forEach(s -> sessions.put(s.number(), s));
        cancelledSessions = new HashSet<>();
        places = new Places();
        children = new LinkedHashMap<>();
        marks = new HashMap<>();
        feedbackGiven = new HashSet<>();
    }

    @EventSourcingHandler
    void on(CoursePublishedEvent event) {
        published = true;
    }

    @EventSourcingHandler
    void on(CourseSessionRescheduledEvent event) {
        sessions.put(event.session().number(), event.session());
    }

    @EventSourcingHandler
    void on(CourseSessionCancelledEvent event) {
        cancelledSessions.add(event.session().number());
    }

    @EventSourcingHandler
    void on(EnrollmentRequestedEvent event) {
        if (pending == null) {
            pending = new LinkedHashMap<>(); // in the order requests were made, which decides seats and queue places
        }
        pending.put(event.enrollmentId(), new Request(event.guardian(), event.childName(), event.childGrade()));
        keep(event.enrollmentId());
    }

    private void keep(String enrollmentId) {
        if (kept == null) {
            kept = new HashSet<>();
        }
        kept.add(enrollmentId);
    }

    @EventSourcingHandler
    void on(EnrollmentClearedEvent event) {
        if (cleared == null) {
            cleared = new HashSet<>();
        }
        cleared.add(event.enrollmentId());
    }

    @EventSourcingHandler
    void on(EnrollmentRejectedEvent event) {
        decided(event.enrollmentId());
        if (rejected == null) {
            rejected = new HashSet<>();
        }
        rejected.add(event.enrollmentId());
    }

    @EventSourcingHandler
    void on(EnrollmentAdoptedEvent event) {
        keep(event.enrollmentId());
    }

    @EventSourcingHandler
    void on(ChildEnrolledEvent event) {
        decided(event.enrollmentId());
        remember(event.enrollmentId(), event.guardian(), event.childName());
        places.seat(event.enrollmentId());
    }

    @EventSourcingHandler
    void on(ChildWaitlistedEvent event) {
        decided(event.enrollmentId());
        remember(event.enrollmentId(), event.guardian(), event.childName());
        places.enqueue(event.enrollmentId());
    }

    private void decided(String enrollmentId) {
        if (pending != null) {
            pending.remove(enrollmentId);
        }
        if (cleared != null) {
            cleared.remove(enrollmentId);
        }
    }

    private void remember(String enrollmentId, String guardian, String childName) {
        children.put(enrollmentId, new Child(guardian, childName));
        marks.put(enrollmentId, new HashMap<>());
    }

    @EventSourcingHandler
    void on(EnrollmentWithdrawnEvent event) {
        places.remove(event.enrollmentId());
    }

    @EventSourcingHandler
    void on(EnrollmentPromotedEvent event) {
        places.seat(event.enrollmentId());
    }

    @EventSourcingHandler
    void on(AttendanceMarkedEvent event) {
        marks.get(event.enrollmentId()).put(event.sessionNo(), event.mark());
    }

    @EventSourcingHandler
    void on(CourseFeedbackGivenEvent event) {
        feedbackGiven.add(event.enrollmentId());
    }

    @EventSourcingHandler
    void on(CourseCompletedEvent event) {
        completed = true;
    }

    Course() {
        // required by Axon
    }
}
