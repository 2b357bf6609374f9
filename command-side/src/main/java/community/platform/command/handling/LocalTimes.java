package community.platform.command.handling;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times in messages people read, in the platform's zone (Asia/Shanghai). */
public final class LocalTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                                                     .withZone(ZoneId.of("Asia/Shanghai"));

    private LocalTimes() {
    }

    public static String at(Instant instant) {
        return FORMAT.format(instant) + " (Beijing time)";
    }

    /** A span, in Beijing time: "2027-02-08 14:00 to 2027-02-08 17:00 (Beijing time)". */
    public static String span(Instant from, Instant to) {
        return FORMAT.format(from) + " to " + FORMAT.format(to) + " (Beijing time)";
    }
}
