package community.platform.shared.personal;

/** Whose data an erasure is for: a resident's account (a guardian's request for one child is still to come). */
public enum ErasureSubject {
    ACCOUNT
}
