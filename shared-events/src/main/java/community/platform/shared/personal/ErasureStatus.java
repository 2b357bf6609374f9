package community.platform.shared.personal;

/** Where an erasure request stands: waiting for an ADMIN, carried out, or refused. */
public enum ErasureStatus {
    REQUESTED, DONE, REFUSED
}
