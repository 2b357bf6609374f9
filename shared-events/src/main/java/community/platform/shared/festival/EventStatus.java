package community.platform.shared.festival;

/** Where a festival event stands: taking registrations, every place taken, called off, or over. */
public enum EventStatus {
    OPEN, FULL, CANCELLED, FINISHED
}
