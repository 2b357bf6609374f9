package community.platform.shared.volunteering;

import community.platform.shared.RuleViolation;

/** How a sign-up request ended: a place ({@code outcome}), or a {@code refusal}. */
public record SignUpDecision(SignUpOutcome outcome, RuleViolation refusal) {
}
