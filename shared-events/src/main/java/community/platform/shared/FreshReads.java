package community.platform.shared;

/**
 * The metadata a query carries to be answered from the view as stored, never from a read cache of the query side. For
 * a caller waiting to read its own write: the view has it before this instance may have heard of the event.
 */
public final class FreshReads {

    /** The metadata key; any value means fresh. */
    public static final String METADATA = "fresh-read";

    private FreshReads() {
    }
}
