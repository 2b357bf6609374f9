package community.platform.api.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/accounts}. Usernames are case-insensitive and kept in lower case. */
public record RegistrationRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{2,31}",
                           message = "3 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit")
        String username,
        @NotBlank @Size(min = 8, max = 128, message = "8 to 128 characters") String password,
        @NotBlank @Size(max = 64, message = "at most 64 characters") String displayName,
        @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "a phone number: digits, spaces, '-', an optional '+'")
        String phone) {

    @Override
    public String toString() {
        return "RegistrationRequest[username=" + username + ", displayName=" + displayName + "]";
    }
}
