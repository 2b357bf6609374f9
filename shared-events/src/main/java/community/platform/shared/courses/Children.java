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

    /** The id of the child's schedule, which keeps their enrollments from overlapping. */
    public static String scheduleOf(String guardian, String childName) {
        return "child-" + key(guardian, childName);
    }
}
