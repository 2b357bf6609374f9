package community.platform.shared.volunteering;

import java.util.List;

/**
 * Minutes given on one organizer's posts, by the post's team and the month of its shift (Beijing time, yyyy-MM):
 * every month with minutes in it, in order, and per team (by name) the minutes of each of those months and the total.
 * Teams and months without minutes are left out.
 */
public record TeamHours(List<String> months, List<Team> teams) {

    /** {@code minutes} has one figure per month of {@link TeamHours#months()}, in the same order. */
    public record Team(String team, List<Long> minutes, long totalMinutes) {
    }
}
