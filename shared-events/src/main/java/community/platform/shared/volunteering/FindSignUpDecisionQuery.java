package community.platform.shared.volunteering;

/** Answered with an optional {@link SignUpDecision}: empty while the request is undecided. */
public record FindSignUpDecisionQuery(String postId, String volunteer, String requestId) {
}
