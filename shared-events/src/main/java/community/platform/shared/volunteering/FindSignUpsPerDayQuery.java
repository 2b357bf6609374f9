package community.platform.shared.volunteering;

/** How many took a seat or a place in the queue of one post, day by day. Answered with {@link SignUpsPerDay}. */
public record FindSignUpsPerDayQuery(String postId) {
}
