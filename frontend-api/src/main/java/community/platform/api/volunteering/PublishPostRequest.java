package community.platform.api.volunteering;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** {@code POST /api/volunteer-posts}. Times are ISO-8601 with an offset. */
public record PublishPostRequest(@NotBlank @Size(max = 120) String title,
                                 @Size(max = 4000) String description,
                                 @NotBlank @Size(max = 60) String team,
                                 @NotBlank @Size(max = 200) String location,
                                 @NotNull OffsetDateTime startsAt,
                                 @NotNull OffsetDateTime endsAt,
                                 @NotNull @Min(1) @Max(500) Integer capacity,
                                 OffsetDateTime signupDeadline,
                                 @Size(max = 20) List<@NotBlank @Size(max = 60) String> skills,
                                 @Size(max = 40) String neighbourhoodId) {
}
