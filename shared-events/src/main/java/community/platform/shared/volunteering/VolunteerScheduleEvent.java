package community.platform.shared.volunteering;

/** The events of one volunteer's schedule: the duties they hold a place for. */
public sealed interface VolunteerScheduleEvent permits DutySlotReservedEvent, DutySlotReleasedEvent, DutySlotMovedEvent {

    String scheduleId();
}
