package community.platform.command.certificates;

import community.platform.command.handling.RuleViolatedException;
import community.platform.shared.ErrorCode;
import community.platform.shared.certificates.CertificateIssuedEvent;
import community.platform.shared.certificates.Certificates;
import community.platform.shared.certificates.CertifiedDuty;
import community.platform.shared.certificates.IssueCertificateCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An hour certificate: issued once with its total, refused for an empty or backward period; and its code's rules. */
class CertificateTest {

    private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
    private static final LocalDate JUN = LocalDate.of(2026, 6, 30);
    private static final List<CertifiedDuty> DUTIES = List.of(
            new CertifiedDuty("post-1", "健康守护岗", LocalDate.of(2026, 2, 3), 95),
            new CertifiedDuty("post-2", "Park clean-up", LocalDate.of(2026, 5, 1), 120));

    private AggregateTestFixture<Certificate> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Certificate.class);
    }

    @Test
    void aCertificateStatesEachDutyAndTheirTotal() {
        fixture.givenNoPriorActivity()
               .when(new IssueCertificateCommand("CODE", "li", "李明", JAN, JUN, DUTIES))
               .expectEvents(new CertificateIssuedEvent("CODE", "li", "李明", JAN, JUN, DUTIES, 215));
    }

    @Test
    void aPeriodWithoutHoursIsNotCertified() {
        fixture.givenNoPriorActivity()
               .when(new IssueCertificateCommand("CODE", "li", "李明", JAN, JUN, List.of()))
               .expectNoEvents()
               .expectException(RuleViolatedException.class)
               .expectExceptionMessage("No hours were credited for duties from 2026-01-01 to 2026-06-30");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new IssueCertificateCommand("CODE", "li", "李明", JUN, JAN, DUTIES))
               .expectNoEvents()
               .expectException(RuleViolatedException.class)
               .expectExceptionMessage("The period ends before it starts");
        assertThat(ErrorCode.INVALID_PERIOD.status()).isEqualTo(422);
    }

    @Test
    void aCodeIsSixteenUnambiguousLettersAndIsReadBackHoweverItIsTyped() {
        byte[] mac = new byte[32];
        for (int i = 0; i < mac.length; i++) {
            mac[i] = (byte) (i * 37 + 11);
        }
        String code = Certificates.code(mac);
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        assertThat(Certificates.code(mac.clone())).isEqualTo(code);
        mac[9] ^= 1; // the 80 bits a code is made of end in the tenth byte
        assertThat(Certificates.code(mac)).isNotEqualTo(code);

        assertThat(Certificates.normalized(" " + code.toLowerCase().replace("-", " ") + " ")).isEqualTo(code);
        assertThat(Certificates.normalized("O1IL-0000-0000-0000")).isEqualTo("0111-0000-0000-0000");
        assertThat(Certificates.normalized("UUUU-0000-0000-0000")).isEmpty();
        assertThat(Certificates.normalized("0000-0000-0000")).isEmpty();
        assertThat(Certificates.normalized("../../admin")).isEmpty();
    }

    @Test
    void theContentACodeIsMadeFromChangesWithEveryMinuteAndTheName() {
        byte[] content = Certificates.content("li", "李明", JAN, JUN, DUTIES);
        assertThat(Certificates.content("li", "李明", JAN, JUN, List.of(DUTIES.get(0),
                new CertifiedDuty("post-2", "Park clean-up", LocalDate.of(2026, 5, 1), 121)))).isNotEqualTo(content);
        assertThat(Certificates.content("li", "李 明", JAN, JUN, DUTIES)).isNotEqualTo(content);
        assertThat(Certificates.content("li", "李明", JAN, JUN.minusDays(1), DUTIES)).isNotEqualTo(content);
    }
}
