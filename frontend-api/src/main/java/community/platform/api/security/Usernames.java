package community.platform.api.security;

import java.util.Locale;

/** Usernames are case-insensitive: "LiHua" and "lihua" are one account. */
public final class Usernames {

    private Usernames() {
    }

    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
