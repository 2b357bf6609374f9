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

    private Neighbourhoods() {
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
