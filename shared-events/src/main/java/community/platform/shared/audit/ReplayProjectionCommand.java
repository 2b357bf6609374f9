package community.platform.shared.audit;

/** Starts a rebuild of one processor's views beside the live ones; answered at once with true when it started. */
public record ReplayProjectionCommand(String name) {
}
