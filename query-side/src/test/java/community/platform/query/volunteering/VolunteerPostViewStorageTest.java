package community.platform.query.volunteering;

import community.platform.shared.ErrorCode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A post view stored before views were records is read as it stands, without a rebuild. */
class VolunteerPostViewStorageTest {

    private static final Instant STARTS = Instant.parse("2027-01-20T07:30:00Z");

    @Test
    void readsAPostStoredByHand() {
        Document stored = new Document("_id", "p1")
                .append("post", new Document("organizer", "olga").append("title", "Shift").append("description", "")
                                        .append("team", "Green").append("location", "Park").append("capacity", 2)
                                        .append("signupDeadline", null).append("skills", List.of()))
                .append("startsAt", Date.from(STARTS)).append("endsAt", Date.from(STARTS.plusSeconds(3600)))
                .append("team", "Green").append("cancelled", false).append("cancelReason", null)
                .append("seats", List.of(new Document("username", "vera").append("displayName", null)
                                                 .append("signedUpAt", Date.from(STARTS)).append("checkedInAt", null)
                                                 .append("checkedOutAt", null).append("minutes", null)
                                                 .append("requestId", "r1")))
                .append("queue", List.of())
                .append("refusals", List.of(new Document("username", "ivan").append("requestId", "r2")
                                                    .append("code", ErrorCode.values()[0].name())
                                                    .append("detail", "no").append("subject", null)))
                .append("lastSequence", 3L);

        VolunteerPostView view = VolunteerPostView.from(stored);

        assertThat(view.postId()).isEqualTo("p1");
        assertThat(view.post().capacity()).isEqualTo(2);
        assertThat(view.startsAt()).isEqualTo(STARTS);
        assertThat(view.seats()).extracting(VolunteerPostView.Seat::username).containsExactly("vera");
        assertThat(view.refusals().get(0).code()).isEqualTo(ErrorCode.values()[0]);
        assertThat(VolunteerPostView.from(view.toDocument(3))).isEqualTo(view);

        stored.remove("refusals");
        assertThat(VolunteerPostView.from(stored).decision("ivan", "r2")).isNull();
    }
}
