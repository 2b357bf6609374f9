package community.platform.query.views;

import community.platform.shared.ErrorCode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Views stored as documents MongoDB can query: dates as dates, enums by name; and read back as they were. */
class ViewCodecTest {

    record Sample(String id, Instant at, ErrorCode code, Map<Integer, ErrorCode> byNumber, List<Instant> times,
                  Long missing) {
    }

    private static final Instant AT = Instant.parse("2027-03-01T09:15:00.123Z");

    @Test
    void writesTimesAsDatesAndEnumsByName() {
        Document stored = ViewCodec.toDocument(new Sample("s", AT, ErrorCode.values()[0],
                                                          Map.of(2, ErrorCode.values()[0]), List.of(AT), null));

        assertThat(stored.get("at")).isEqualTo(Date.from(AT));
        assertThat(stored.get("times")).isEqualTo(List.of(Date.from(AT)));
        assertThat(stored.get("code")).isEqualTo(ErrorCode.values()[0].name());
        assertThat(stored.get("byNumber", Map.class)).containsEntry("2", ErrorCode.values()[0].name());
    }

    @Test
    void readsBackWhatItWrote() {
        Sample sample = new Sample("s", AT, ErrorCode.values()[0], Map.of(2, ErrorCode.values()[0]), List.of(AT),
                                   7L);

        assertThat(ViewCodec.fromDocument(ViewCodec.toDocument(sample), Sample.class)).isEqualTo(sample);
    }

    @Test
    void readsTimesStoredAsTextAndSkipsFieldsTheViewDoesNotHave() {
        Document stored = new Document("id", "s").append("at", "2027-03-01T09:15:00.123456789Z")
                                                 .append("times", List.of(Date.from(AT)))
                                                 .append("lastSequence", 4L);

        Sample read = ViewCodec.fromDocument(stored, Sample.class);

        assertThat(read.at()).isEqualTo(Instant.parse("2027-03-01T09:15:00.123456789Z"));
        assertThat(read.times()).containsExactly(AT);
        assertThat(read.missing()).isNull();
        assertThat(read.byNumber()).isEmpty();
    }
}
