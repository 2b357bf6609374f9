package community.platform.shared.certificates;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules of a certificate's code: what it is made from, and how it is written. */
public final class Certificates {

    /** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not mistaken. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");

    private Certificates() {
    }

    /**
     * What a certificate is made from, as one text: the volunteer, the name shown, the period and each duty with its
     * minutes. Keyed with the server's secret ({@code mac}), it gives the code, so no one outside can guess one.
     */
    public static byte[] content(String volunteer, String displayName, LocalDate from, LocalDate to,
                                 List<CertifiedDuty> duties) {
        StringBuilder text = new StringBuilder().append(volunteer).append('\n').append(displayName).append('\n')
                                                .append(from).append('\n').append(to);
        duties.forEach(duty -> text.append('\n').append(duty.postId()).append(' ').append(duty.minutes()));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first 80 bits of {@code mac} as 16 base32 letters in four groups: {@code 7K2M-Q9XD-…}. */
    public static String code(byte[] mac) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            int bit = i * 5;
            int value = ((mac[bit / 8] & 0xff) << 8 | (mac[bit / 8 + 1] & 0xff)) >> (11 - bit % 8) & 0x1f;
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[value]);
        }
        return code.toString();
    }

    /**
     * A code as typed: upper case, without spaces, and with the letters people confuse read as the digits they look
     * like; empty text when it cannot be a code.
     */
    public static String normalized(String typed) {
        String letters = typed.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
                              .replace('O', '0').replace('I', '1').replace('L', '1');
        if (letters.length() != 16) {
            return "";
        }
        String code = letters.substring(0, 4) + "-" + letters.substring(4, 8) + "-" + letters.substring(8, 12) + "-"
                + letters.substring(12);
        return CODE.matcher(code).matches() ? code : "";
    }
}
