package community.platform.shared.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The decisions a record made about a person, in order, each with the inputs recorded in its event. */
public record Explanation(String recordId, String username, List<Decision> decisions) {

    public record Decision(long sequence, Instant timestamp, String type, String actor, String because,
                           Map<String, Object> inputs) {
    }
}
