package community.platform.command.handling;

import community.platform.shared.ErrorCode;
import org.hamcrest.CustomMatcher;
import org.hamcrest.Matcher;

/** Matchers for the fixtures' expected exceptions: a broken rule, by its code (and the record it names). */
public final class Violations {

    private Violations() {
    }

    public static Matcher<Object> violationOf(ErrorCode code) {
        return violationOf(code, null);
    }

    public static Matcher<Object> violationOf(ErrorCode code, String subject) {
        return new CustomMatcher<>("a rule violation with code " + code + (subject == null ? "" : " naming " + subject)) {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof RuleViolatedException e && e.code() == code
                        && (subject == null || subject.equals(e.subject()));
            }
        };
    }
}
