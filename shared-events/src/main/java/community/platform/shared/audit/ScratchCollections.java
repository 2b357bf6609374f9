package community.platform.shared.audit;

/**
 * The names of the view collections a rebuild or a diff makes beside the live ones: the live name with a suffix. They
 * are dropped when done, and before a rebuild or diff starts again, so the storage need not make their writes durable
 * one by one.
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
