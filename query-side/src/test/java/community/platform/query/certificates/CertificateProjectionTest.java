package community.platform.query.certificates;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.certificates.CertificateIssuedEvent;
import community.platform.shared.certificates.CertificateRecord;
import community.platform.shared.certificates.CertifiedDuty;
import community.platform.shared.certificates.FindCertificateQuery;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.PersonalDataErasedEvent;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates as their verification page reads them, against the embedded server. */
class CertificateProjectionTest {

    private static final Instant T0 = Instant.parse("2026-07-01T02:00:00Z");
    private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
    private static final LocalDate JUN = LocalDate.of(2026, 6, 30);
    private static final List<CertifiedDuty> DUTIES = List.of(
            new CertifiedDuty("post-1", "健康守护岗", LocalDate.of(2026, 2, 3), 90),
            new CertifiedDuty("post-2", "Park clean-up", LocalDate.of(2026, 5, 1), 120));
    private static final CertificateIssuedEvent ISSUED = new CertificateIssuedEvent("CODE", "li", "李明", JAN, JUN,
                                                                                    DUTIES, 210);

    private EmbeddedMongo mongo;
    private CertificateProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new CertificateProjection(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Mono<CertificateRecord> find(String code) {
        return Mono.fromFuture(() -> projection.handle(new FindCertificateQuery(code)));
    }

    private static GlobalSequenceTrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static AttendanceRecordedEvent attended(String postId, long minutes, boolean correction) {
        return new AttendanceRecordedEvent(postId, "li", T0, T0, minutes, correction, null, "typo");
    }

    @Test
    void aCertificateReadsAsIssuedWithItsPositionInTheLog() {
        projection.on(attended("post-1", 90, false), T0.minusSeconds(60), at(3));
        projection.on(ISSUED, T0, at(7));

        StepVerifier.create(find("CODE"))
                    .expectNext(new CertificateRecord("CODE", "li", "李明", JAN, JUN, DUTIES, 210, T0, 7, null, 210,
                                                      false))
                    .verifyComplete();
        StepVerifier.create(find("NONE")).verifyComplete();
    }

    @Test
    void aCorrectionAfterIssueIsShownWithTheCorrectedTotalAndHandlingItAgainChangesNothing() {
        projection.on(ISSUED, T0, at(7));
        Instant corrected = T0.plusSeconds(3600);
        projection.on(attended("post-2", 60, true), corrected, at(9));
        projection.on(attended("post-2", 60, true), corrected, at(9));
        projection.on(attended("post-1", 100, true), corrected.plusSeconds(60), at(10));
        projection.on(ISSUED, T0, at(7)); // handled again after a crash: what it found first stands

        StepVerifier.create(find("CODE"))
                    .assertNext(record -> {
                        assertThat(record.totalMinutes()).isEqualTo(210);
                        assertThat(record.correctedAt()).isEqualTo(corrected);
                        assertThat(record.currentMinutes()).isEqualTo(160);
                    })
                    .verifyComplete();
    }

    @Test
    void aCorrectionThatStandsBeforeTheCertificateInTheLogDoesNotDateItAgainWhenHandledTwice() {
        projection.on(attended("post-2", 60, true), T0.minusSeconds(30), at(5));
        projection.on(ISSUED, T0, at(7));
        projection.on(attended("post-2", 60, true), T0.minusSeconds(30), at(5)); // redelivered

        StepVerifier.create(find("CODE"))
                    .assertNext(record -> {
                        // issued from a view that had not yet shown that correction: out of date from the start
                        assertThat(record.correctedAt()).isEqualTo(T0);
                        assertThat(record.currentMinutes()).isEqualTo(150);
                    })
                    .verifyComplete();
    }

    @Test
    void anotherVolunteersCorrectionOrAnotherPostsLeavesTheCertificateAlone() {
        projection.on(ISSUED, T0, at(7));
        projection.on(new AttendanceRecordedEvent("post-1", "wang", T0, T0, 5, true, 90L, "x"), T0.plusSeconds(9),
                      at(8));
        projection.on(attended("post-9", 5, true), T0.plusSeconds(9), at(9));

        StepVerifier.create(find("CODE"))
                    .assertNext(record -> {
                        assertThat(record.correctedAt()).isNull();
                        assertThat(record.currentMinutes()).isEqualTo(210);
                    })
                    .verifyComplete();
    }

    @Test
    void anErasedVolunteersCertificatesNoLongerNameThemAndSaySo() {
        projection.on(ISSUED, T0, at(7));
        projection.on(new CertificateIssuedEvent("OTHER", "wang", "王芳", JAN, JUN, DUTIES, 210), T0, at(8));
        projection.on(new PersonalDataErasedEvent("r-1", ErasureSubject.ACCOUNT, "li", null, "admin", List.of("k")));

        StepVerifier.create(find("CODE"))
                    .assertNext(record -> {
                        assertThat(record.erased()).isTrue();
                        assertThat(record.displayName()).isEqualTo(PersonalData.ERASED);
                    })
                    .verifyComplete();
        StepVerifier.create(find("OTHER")).assertNext(record -> assertThat(record.erased()).isFalse())
                    .verifyComplete();

        // a rebuild reads the event after the key is gone: the name decrypts to the erased marker
        projection.reset();
        projection.on(new CertificateIssuedEvent("CODE", "li", PersonalData.ERASED, JAN, JUN, DUTIES, 210), T0, at(7));
        StepVerifier.create(find("CODE")).assertNext(record -> assertThat(record.erased()).isTrue())
                    .verifyComplete();
    }

    @Test
    void anAttendanceRecordedAgainWithTheSameMinutesIsNoCorrection() {
        projection.on(ISSUED, T0, at(7));
        projection.on(attended("post-1", 90, true), T0.plusSeconds(60), at(8));

        StepVerifier.create(find("CODE"))
                    .assertNext(record -> {
                        assertThat(record.correctedAt()).isNull();
                        assertThat(record.currentMinutes()).isEqualTo(210);
                    })
                    .verifyComplete();
    }
}
