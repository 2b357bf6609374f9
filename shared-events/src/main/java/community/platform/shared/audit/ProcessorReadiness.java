package community.platform.shared.audit;

/**
 * One event processor of an instance at start-up: ready once every segment is held (by this instance or by another
 * live one) and those held here have reached the head of the log as it was when the instance started; until then,
 * what it waits for.
 */
public record ProcessorReadiness(String name, boolean ready, String waitingFor) {
}
