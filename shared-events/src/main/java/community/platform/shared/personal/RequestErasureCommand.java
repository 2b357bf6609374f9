package community.platform.shared.personal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person asks for their data to be erased: their account's ({@code enrollmentId} null), or, as its guardian, a
 * child's, named by one of the child's enrollments. An ADMIN then carries it out or refuses it.
 */
public record RequestErasureCommand(@TargetAggregateIdentifier String requestId, ErasureSubject subject,
                                    String username, String enrollmentId, String reason) {
}
