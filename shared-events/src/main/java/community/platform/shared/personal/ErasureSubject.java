package community.platform.shared.personal;

/** Whose data an erasure is for: a resident's account, or one child of a guardian (by the child's id). */
public enum ErasureSubject {
    ACCOUNT, CHILD
}
