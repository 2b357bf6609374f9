package community.platform.shared.notices;

/** A recipient's notices, newest first. Answered with a list of {@link Notice}. */
public record FindNoticesQuery(String recipient) {
}
