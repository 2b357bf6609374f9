package community.platform.shared.festival;

/** The events of one festival event; its id is first. */
public sealed interface FestivalEventEvent permits FestivalEventScheduledEvent, FestivalEventRescheduledEvent,
        FestivalEventCancelledEvent, ResidentRegisteredEvent, ResidentWaitlistedEvent, RegistrationWithdrawnEvent,
        RegistrantPromotedEvent, CoupletEntrySubmittedEvent, EntryScoredEvent, FestivalEventRejectedEvent,
        FestivalEventRescheduleRequestedEvent, FestivalEventRescheduleRejectedEvent {

    String eventId();
}
