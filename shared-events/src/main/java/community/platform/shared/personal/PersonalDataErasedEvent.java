package community.platform.shared.personal;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * An erasure was carried out: the keys named (random ids, no personal data) are destroyed, and everything encrypted
 * under them reads as {@value PersonalData#ERASED} from now on. Who asked, for whom and when is in the request's own
 * events; who carried it out is {@code erasedBy}.
 */
@Revision("1")
public record PersonalDataErasedEvent(String requestId, ErasureSubject subject, String username,
                                      String enrollmentId, String erasedBy, List<String> keyIds) {

    /**
     * Whether it erased a resident's account ({@code username}); otherwise it erased one child of the guardian named
     * {@code username}, whose own account stays as it is.
     */
    public boolean ofAccount() {
        return subject == ErasureSubject.ACCOUNT;
    }
}
