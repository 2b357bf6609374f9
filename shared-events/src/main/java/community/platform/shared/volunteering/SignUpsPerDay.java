package community.platform.shared.volunteering;

import java.time.LocalDate;
import java.util.List;

/**
 * A post's sign-ups per Beijing day, seated or waitlisted (a withdrawal does not take one off), for the days that had
 * any, in order. Empty for a post nobody signed up for.
 */
public record SignUpsPerDay(String postId, List<Day> days) {

    public record Day(LocalDate day, long signUps) {
    }
}
