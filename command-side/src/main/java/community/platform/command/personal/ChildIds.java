package community.platform.command.personal;

import com.google.crypto.tink.subtle.Hkdf;
import community.platform.shared.courses.Children;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A child's id, which names no one: a keyed hash (HMAC-SHA256, under a key derived from the server secret) of who the
 * child is, their guardian and name as {@link Children#key} compares them. The same child always gets the same id, so
 * their schedule and their key are found again at each enrollment; without the server secret the id cannot be traced
 * back to a name, not even by trying likely names.
 */
public final class ChildIds {

    private static final byte[] CONTEXT = "child ids".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    public ChildIds(byte[] serverSecret) {
        try {
            this.key = new SecretKeySpec(Hkdf.computeHkdf("HMACSHA256", serverSecret, new byte[0], CONTEXT, 32),
                                         "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    public String of(String guardian, String childName) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(Children.key(guardian, childName).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
