package community.platform.api.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key of the platform's keyed hashes (HMAC-SHA256), kept out of the database, so that someone who can read the
 * database alone cannot test guesses against a stored digest. It is {@code platform.security.server-secret} when set
 * (several instances on one store set the same one); else, with the in-memory store, one made for the process; else
 * one made once and kept in {@code $PLATFORM_DATA_DIR/server-secret}, readable by its owner only.
 */
@Component
public class ServerSecret {

    static final String FILE_NAME = "server-secret";

    private final SecretKeySpec key;

    public ServerSecret(@Value("${platform.security.server-secret:}") String configured,
                        @Value("${platform.store.in-memory:false}") boolean inMemory,
                        @Value("${PLATFORM_DATA_DIR:./data}") Path dataDirectory) {
        byte[] secret = !configured.isBlank() ? configured.getBytes(StandardCharsets.UTF_8)
                : inMemory ? random() : kept(dataDirectory.resolve(FILE_NAME));
        if (secret.length < 16) {
            throw new IllegalArgumentException("platform.security.server-secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The secret as a key, for the event store's snapshot MACs (command-side sees only this JDK type). */
    @Bean
    public SecretKey serverSecretKey() {
        return key;
    }

    /** HMAC-SHA256 of {@code data} under the secret. */
    public byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] kept(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path draft = Files.createTempFile(file.getParent(), FILE_NAME, ".new");
                restrict(draft);
                Files.writeString(draft, Base64.getEncoder().encodeToString(random()));
                try {
                    // a link is made whole or not at all, and never replaces a file: of two instances starting on one
                    // data folder at once, the first secret stays and both read it
                    Files.createLink(file, draft);
                } catch (FileAlreadyExistsException other) {
                    // kept by the other one
                } finally {
                    Files.delete(draft);
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the server secret in " + file.toAbsolutePath()
                                           + " (set platform.security.server-secret, or PLATFORM_DATA_DIR)", e);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static byte[] random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
