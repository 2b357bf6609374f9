package community.platform.api.security;

import org.springframework.security.core.Authentication;

/** Checks on the signed-in caller that the path rules cannot make, because they depend on the record. */
public final class Callers {

    private Callers() {
    }

    /** The record's organizer, or an auditor (who may read every record). */
    public static boolean organizerOrAuditor(Authentication caller, String organizer) {
        return organizer.equals(caller.getName())
                || caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_AUDITOR"));
    }
}
