package community.platform.api.reminders;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/accounts/me/reminders}: how the caller wants to be reminded; no {@code email}, no e-mails. */
@Schema(name = "ReminderPreferences")
public record ReminderRequest(@Email @Size(max = 254) String email, boolean emailEnabled, boolean smsEnabled,
                              @NotNull @Min(1) @Max(72) Integer hoursBefore,
                              @NotNull @Pattern(regexp = "zh|en") String language) {
}
