package community.platform.shared.audit;

/**
 * The names of the view collections a rebuild or a diff makes beside the live ones: the live name with a suffix,
 * {@value #REBUILD} for a rebuild (one at a time per projection), and for a diff a part of its own for each call ending
 * in {@value #DIFF}. They are dropped when done, and a rebuild's again before the next starts (a diff's a day later,
 * should its instance die), so the storage need not make their writes durable one by one.
 */
public final class ScratchCollections {

    public static final String REBUILD = "__rebuild";
    public static final String DIFF = "__diff";

    private ScratchCollections() {
    }

    public static boolean isScratch(String collection) {
        return collection.endsWith(REBUILD) || collection.endsWith(DIFF);
    }
}
