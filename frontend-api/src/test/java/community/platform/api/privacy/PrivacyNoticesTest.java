package community.platform.api.privacy;

import community.platform.shared.personal.ChildDataNotice;
import org.junit.jupiter.api.Test;

import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;

/** The notice states the retention this deployment is set to, in both languages. */
class PrivacyNoticesTest {

    @Test
    void theNoticeStatesTheRetentionSetting() {
        ChildDataNotice twoYears = new PrivacyNotices(Period.ofYears(2)).children();
        assertThat(twoYears.zh()).contains("课程结束 24 个月后").doesNotContain("{retention}");
        assertThat(twoYears.en()).contains("erased automatically 24 months after the course completes");

        ChildDataNotice ninetyDays = new PrivacyNotices(Period.ofDays(90)).children();
        assertThat(ninetyDays.zh()).contains("课程结束 90 天后");
        assertThat(ninetyDays.en()).contains("90 days after");
    }

    @Test
    void byDefaultDataIsKeptTwelveMonths() {
        ChildDataNotice notice = new PrivacyNotices(ChildDataNotice.DEFAULT_RETENTION).children();
        assertThat(notice.version()).isEqualTo(ChildDataNotice.VERSION);
        assertThat(notice.zh()).contains("12 个月");
        assertThat(notice.en()).contains("12 months");
    }
}
