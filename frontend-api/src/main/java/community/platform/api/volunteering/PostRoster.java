package community.platform.api.volunteering;

import community.platform.shared.volunteering.VolunteerRoster;

import java.util.List;

/** {@code GET /api/volunteer-posts/{id}/roster}: who holds a seat, and who waits in which order. */
public record PostRoster(List<RosterEntry> confirmed, List<VolunteerRoster.Waiting> waitlist) {

    static PostRoster of(VolunteerRoster roster) {
        return new PostRoster(roster.confirmed().stream().map(RosterEntry::of).toList(), roster.waitlist());
    }
}
