package community.platform.shared.courses;

import java.util.Locale;

/**
 * A child is known by their guardian and name: "Li Xiaoming" and " li  xiaoming " of the same guardian are the same
 * child, the same name under another guardian is another child.
 */
public final class Children {

    private Children() {
    }

    public static String key(String guardian, String childName) {
        return guardian + "/" + childName.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The id of the child's schedule, which keeps their enrollments from overlapping, by the child's id. */
    public static String scheduleOf(String childId) {
        return "child-" + childId;
    }

    /**
     * The id a child's schedule had before children had ids of their own (it names the child): enrollments of that
     * time keep it.
     */
    public static String scheduleOf(String guardian, String childName) {
        return "child-" + key(guardian, childName);
    }
}
