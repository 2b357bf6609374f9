package community.platform.shared.neighbourhoods;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A neighbourhood's id follows from its name, as an account's does from its username: "东湖社区" and " 东湖社区 "
 * are one neighbourhood, and two ADMINs adding it at once make one (the store lets one creation commit).
 */
public final class Neighbourhoods {

    /**
     * The neighbourhood every record belongs to unless it names another: all those made before the sub-district had
     * neighbourhoods, and those of a platform that has none. Every organizer acts there; its name is set when the
     * platform starts ({@code platform.neighbourhoods.default-name}).
     */
    public static final String DEFAULT = "nb-default";

    private Neighbourhoods() {
    }

    /** The neighbourhood a record names, or {@link #DEFAULT} when it names none (made before there were any). */
    public static String orDefault(String neighbourhoodId) {
        return neighbourhoodId == null || neighbourhoodId.isBlank() ? DEFAULT : neighbourhoodId;
    }

    public static String idOf(String name) {
        String normal = Normalizer.normalize(name.strip().replaceAll("\\s+", " "), Normalizer.Form.NFKC)
                                  .toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return "nb-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
