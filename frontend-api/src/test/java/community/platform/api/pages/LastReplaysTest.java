package community.platform.api.pages;

import community.platform.shared.audit.ProjectionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A rebuild's result on the projections page, from the text the query side keeps, in the page's language. */
class LastReplaysTest {

    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasename("messages");
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
    }

    private static ProjectionStatus status(String name, String lastReplay) {
        return new ProjectionStatus(name, "RUNNING", 10, 10, 0, false, 100, 0, lastReplay);
    }

    @Test
    void aCompletedAndAFailedRebuildAreSaidInThePagesLanguageAndAnythingElseAsItIs() {
        List<ProjectionStatus> all = List.of(
                status("accounts", "completed 2026-11-29T00:30:00Z: 1200 events in 345 ms"),
                status("courses", "failed 2026-11-29T00:31:00Z: java.lang.IllegalStateException: disk full"),
                status("notices", "something else"),
                status("venue-calendar", null));

        assertThat(AuditorPages.lastReplays(all, MESSAGES, Locale.SIMPLIFIED_CHINESE))
                .containsEntry("accounts", "2026-11-29 08:30:00 完成，1,200 个事件，用时 345 毫秒")
                .containsEntry("courses", "2026-11-29 08:31:00 失败，现有视图保持不变。错误：java.lang.IllegalStateException: disk full")
                .containsEntry("notices", "something else")
                .doesNotContainKey("venue-calendar");
        assertThat(AuditorPages.lastReplays(all, MESSAGES, Locale.ENGLISH))
                .containsEntry("courses", "failed 2026-11-29 08:31:00; the live views are as they were. Error: "
                                          + "java.lang.IllegalStateException: disk full");
    }
}
