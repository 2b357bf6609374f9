package community.platform.shared.personal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Period;

/**
 * What a guardian is told, and agrees to, before a child is enrolled: the data collected, its purpose, who sees it and
 * how long it is kept, in Chinese and English. A guardian's consent names the {@code version} they saw, so the text of
 * a version never changes: a new text is a new version, in new resource files, and {@link #VERSION} moves to it.
 * The retention period is the one setting the text states, filled in where {@code {retention}} stands.
 */
public record ChildDataNotice(String version, String zh, String en) {

    public static final String VERSION = "2026-11";
    public static final Period DEFAULT_RETENTION = Period.ofMonths(12);

    public static ChildDataNotice current(Period retention) {
        return new ChildDataNotice(VERSION, text("zh").replace("{retention}", zh(retention)),
                                   text("en").replace("{retention}", en(retention)));
    }

    public static boolean isCurrent(String version) {
        return VERSION.equals(version);
    }

    private static String text(String language) {
        String name = "child-data-notice-" + VERSION + "." + language + ".txt";
        try (InputStream in = ChildDataNotice.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The notice " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String zh(Period retention) {
        return retention.getDays() == 0 ? retention.toTotalMonths() + " 个月" : days(retention) + " 天";
    }

    private static String en(Period retention) {
        if (retention.getDays() == 0) {
            long months = retention.toTotalMonths();
            return months + (months == 1 ? " month" : " months");
        }
        long days = days(retention);
        return days + (days == 1 ? " day" : " days");
    }

    /** A period with days in it is told in days, a month counted as 30. */
    private static long days(Period retention) {
        return retention.toTotalMonths() * 30 + retention.getDays();
    }
}
