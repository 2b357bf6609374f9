package community.platform.shared.audit;

/**
 * Hands a processor's dead letters to its projections again, each record's in order; answered with a {@link Result},
 * or null when there is no such processor.
 */
public record RetryDeadLettersCommand(String name) {

    /** How many records' events went through this time, and how many events are still set aside. */
    public record Result(String name, int retried, long remaining) {
    }
}
