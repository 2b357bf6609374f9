package community.platform.shared.personal;

import community.platform.shared.courses.Children;

/** The names of data subjects, whose keys are erased on their own: a resident (by username), or a guardian's child. */
public final class Subjects {

    private Subjects() {
    }

    public static String person(String username) {
        return "person:" + username;
    }

    public static String child(String guardian, String childName) {
        return "child:" + Children.key(guardian, childName);
    }
}
