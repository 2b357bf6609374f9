package community.platform.api.volunteering;

import community.platform.shared.volunteering.VolunteerDuty;

import java.math.BigDecimal;
import java.util.List;

/** {@code GET /api/volunteers/me/hours}: the hours credited in all, and per post; duties not yet recorded are left out. */
public record VolunteerHours(BigDecimal totalHours, List<PostHours> posts) {

    public record PostHours(String postId, String title, BigDecimal hours) {
    }

    static VolunteerHours of(List<VolunteerDuty> duties) {
        List<VolunteerDuty> credited = duties.stream().filter(duty -> duty.minutes() != null).toList();
        return new VolunteerHours(Hours.of(credited.stream().mapToLong(VolunteerDuty::minutes).sum()),
                                  credited.stream().map(duty -> new PostHours(duty.postId(), duty.title(),
                                                                              Hours.of(duty.minutes())))
                                          .toList());
    }
}
