package community.platform.shared.audit;

/**
 * One event processor as operators see it: running or not, the position it has reached, how many events it lags the
 * head, whether it is replaying (Axon's own replay, or a rebuild beside the live views), the progress in percent, and
 * how many events its projections failed on and set aside (dead letters).
 */
public record ProjectionStatus(String name, String status, long position, long head, long lag, boolean replaying,
                               int progress, long deadLetters, String lastReplay) {
}
