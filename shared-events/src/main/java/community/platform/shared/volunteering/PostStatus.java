package community.platform.shared.volunteering;

/** Where a volunteer post stands: taking sign-ups, every seat taken, called off, or over. */
public enum PostStatus {
    OPEN, FULL, CANCELLED, COMPLETED
}
