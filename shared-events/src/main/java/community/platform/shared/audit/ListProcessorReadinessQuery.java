package community.platform.shared.audit;

/**
 * Answered with a {@link ProcessorReadiness} per event processor of the instance that answers: whether it has caught
 * up since that instance started.
 */
public record ListProcessorReadinessQuery() {
}
