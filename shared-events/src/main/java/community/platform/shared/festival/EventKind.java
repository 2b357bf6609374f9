package community.platform.shared.festival;

public enum EventKind {
    WORKSHOP, EXHIBITION, COMPETITION, PERFORMANCE
}
