package community.platform.command.eventstore;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.erdtman.jcs.JsonCanonicalizer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The hash of a stored commit, SHA-256 in hex, over everything in it but {@code hash} itself.
 * <p>
 * Version 2 ({@code hashVersion: 2}): the commit as relaxed extended JSON (numbers as JSON numbers), canonicalized by
 * RFC 8785 (keys sorted, numbers and strings as ECMAScript writes them), as UTF-8. Anyone can recompute it from what a
 * MongoDB tool reads; {@code docs/verify-chain.js} does, with mongosh.
 * <p>
 * Version 1 (no {@code hashVersion}, commits written before version 2): the commit as the Java driver writes canonical
 * extended JSON, in stored field order. Kept as it is: rehashing old commits would break every seal taken over them.
 */
final class CommitHash {

    static final int VERSION = 2;
    private static final JsonWriterSettings V1 = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private CommitHash() {
    }

    /** The hash a commit's content gives now, by the version it says it was hashed with. */
    static String of(Document commit) {
        Document content = new Document(commit);
        content.remove("hash");
        return content.getInteger("hashVersion", 1) >= 2 ? sha256(canonical(content)) : sha256(content.toJson(V1));
    }

    /** RFC 8785 form of a document. */
    static String canonical(Document document) {
        try {
            return new JsonCanonicalizer(document.toJson(RELAXED)).getEncodedString();
        } catch (IOException e) {
            throw new IllegalStateException("A stored document is not JSON the canonicalizer reads", e);
        }
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
