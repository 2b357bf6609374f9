package community.platform.api.courses;

import com.fasterxml.jackson.annotation.JsonFormat;
import community.platform.shared.courses.TimeSpan;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** The request bodies of the Sunshine 330 course endpoints (docs/api.md). */
public final class CourseRequests {

    private CourseRequests() {
    }

    @Schema(name = "NewCourse")
    public record Create(@NotBlank @Size(max = 120) String title, @Size(max = 4000) String description,
                  @NotBlank @Size(max = 60) String instructor, @NotNull @Min(1) @Max(6) Integer minGrade,
                  @NotNull @Min(1) @Max(6) Integer maxGrade, @NotNull @Min(1) @Max(60) Integer capacity,
                  @NotNull @Size(min = 1, max = 40) List<@Valid @NotNull Session> sessions,
                  @Size(max = 40) String neighbourhoodId) {
    }

    /** A session on a date, in Beijing time. */
    @Schema(name = "NewCourseSession")
    public record Session(@NotNull LocalDate date, @JsonFormat(pattern = "HH:mm") LocalTime startTime,
                   @JsonFormat(pattern = "HH:mm") LocalTime endTime, @NotBlank @Size(max = 60) String room) {

        TimeSpan span() {
            return CourseRequests.span(date, startTime, endTime);
        }
    }

    /** A session's new date and times; the room stays unless a new one is given. */
    @Schema(name = "CourseSessionReschedule")
    public record Reschedule(@NotNull LocalDate date, @JsonFormat(pattern = "HH:mm") LocalTime startTime,
                      @JsonFormat(pattern = "HH:mm") LocalTime endTime, @Size(max = 60) String room,
                      @Size(max = 500) String reason) {

        TimeSpan span() {
            return CourseRequests.span(date, startTime, endTime);
        }
    }

    /** School ends at 15:30, so a session is 15:30 to 17:00 unless other times are given. */
    private static TimeSpan span(LocalDate date, LocalTime startTime, LocalTime endTime) {
        return new TimeSpan(community.platform.api.web.LocalTime.at(date, startTime == null ? SCHOOL_ENDS : startTime),
                            community.platform.api.web.LocalTime.at(date, endTime == null ? DEFAULT_END : endTime));
    }

    static final LocalTime SCHOOL_ENDS = LocalTime.of(15, 30);
    static final LocalTime DEFAULT_END = LocalTime.of(17, 0);

    @Schema(name = "CourseSessionCancellation")
    record Cancel(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * Missing or false consent is a refused enrollment (422 consent-required), not a malformed request: the course
     * decides it, as it decides every enrollment rule.
     */
    @Schema(name = "EnrollmentRequest")
    public record Enroll(@NotBlank @Size(max = 60) String childName, @NotNull Integer childGrade,
                         @Schema(description = "The guardian consents to the notice on children's personal "
                                 + "information (GET /api/privacy/notice); required to be true") Boolean consent,
                         @Schema(description = "The version of the notice the guardian read and consented to",
                                 example = "2026-11") @Size(max = 40) String consentVersion) {

        boolean consented() {
            return Boolean.TRUE.equals(consent);
        }
    }

    /** Lists of enrollment ids per mark; present and absent are the short form. The reason goes with corrections. */
    @Schema(name = "SessionAttendance")
    public record Attendance(@Size(max = 60) List<@NotBlank String> present, @Size(max = 60) List<@NotBlank String> absent,
                      @Size(max = 60) List<@NotBlank String> late, @Size(max = 60) List<@NotBlank String> excused,
                      @Size(max = 500) String reason) {
    }

    /** The enrollment may be left out when the guardian has one child in the course. */
    @Schema(name = "FeedbackRequest")
    record Feedback(@NotNull Integer rating, String comment, String enrollmentId) {
    }
}
