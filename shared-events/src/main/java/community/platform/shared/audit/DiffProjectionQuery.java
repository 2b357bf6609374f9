package community.platform.shared.audit;

import java.util.List;

/** Answered with a {@link Diff}: what a fresh rebuild of the processor's views would change in the live ones. */
public record DiffProjectionQuery(String name) {

    public record Diff(String name, long position, List<Difference> differences) {
    }

    /** ADDED: only the rebuild has it; REMOVED: only the live views; CHANGED: both, with different content. */
    public record Difference(String collection, String id, String change) {
    }
}
