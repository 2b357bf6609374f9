package community.platform.shared.courses;

/** The events of one Sunshine 330 course; its id is first. */
public sealed interface CourseEvent permits CourseCreatedEvent, CoursePublishedEvent, CourseSessionRescheduledEvent,
        CourseSessionCancelledEvent, ChildEnrolledEvent, ChildWaitlistedEvent, EnrollmentWithdrawnEvent,
        EnrollmentPromotedEvent, AttendanceMarkedEvent, CourseFeedbackGivenEvent, CourseCompletedEvent,
        EnrollmentRequestedEvent, EnrollmentRejectedEvent, EnrollmentAdoptedEvent, EnrollmentClearedEvent {

    String courseId();
}
