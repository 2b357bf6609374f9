package community.platform.shared.courses;

/** What the organizer marks for a child at a session; PRESENT and LATE count as attended. */
public enum AttendanceMark {
    PRESENT, ABSENT, LATE, EXCUSED;

    public boolean attended() {
        return this == PRESENT || this == LATE;
    }
}
