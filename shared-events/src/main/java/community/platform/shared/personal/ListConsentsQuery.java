package community.platform.shared.personal;

/** Answered with every {@link ConsentRecord} the guardian gave, oldest first. */
public record ListConsentsQuery(String guardian) {
}
