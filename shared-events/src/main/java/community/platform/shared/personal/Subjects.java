package community.platform.shared.personal;

/**
 * The names of data subjects, whose keys are erased on their own: a resident (by username), or a child (by their id,
 * which names no one).
 */
public final class Subjects {

    private Subjects() {
    }

    public static String person(String username) {
        return "person:" + username;
    }

    public static String child(String childId) {
        return "child:" + childId;
    }
}
