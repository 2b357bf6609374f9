package community.platform.shared.accounts;

/** What an account may do. Every self-registered account is a RESIDENT; the others are granted by an ADMIN. */
public enum Role {
    RESIDENT, ORGANIZER, AUDITOR, ADMIN
}
