package community.platform.shared.volunteering;

/** The events of one volunteer post; its id is first. */
public sealed interface VolunteerPostEvent permits VolunteerPostPublishedEvent, VolunteerSignedUpEvent,
        VolunteerWaitlistedEvent, SignUpWithdrawnEvent, VolunteerPromotedEvent, VolunteerPostRescheduledEvent,
        VolunteerPostCancelledEvent, AttendanceRecordedEvent, VolunteerCheckedInEvent, SignUpRefusedEvent {

    String postId();
}
