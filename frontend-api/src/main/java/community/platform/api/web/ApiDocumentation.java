package community.platform.api.web;

import community.platform.shared.ErrorCode;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static community.platform.shared.ErrorCode.*;

/**
 * The API's description at {@code /v3/api-docs}, for people and for client generators: the platform's name, HTTP
 * Basic, and on every operation the problem responses it may answer, with their stable {@code type}s (see
 * {@link Problems}).
 */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "Community platform API", version = "${platform.version}", description = """
                Volunteer posts, Spring Festival couplet events and Sunshine 330 after-school courses for one city \
                sub-district, and the audit of everything that happened. JSON over HTTP; times are ISO-8601 with \
                an offset, in Asia/Shanghai. Sign in with HTTP Basic. Every error is an RFC 7807 problem \
                (application/problem+json) whose `type` (/problems/<slug>) is stable for programs; `detail` is for \
                people. A creating POST takes an optional Idempotency-Key header."""),
        security = @SecurityRequirement(name = ApiDocumentation.BASIC))
@SecurityScheme(name = ApiDocumentation.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Your username and password")
public class ApiDocumentation {

    static final String BASIC = "basic";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM = "#/components/schemas/Problem";

    /** The business rules each part of the API keeps; any of them may refuse a change there. */
    private static final Map<String, List<ErrorCode>> RULES = Map.of(
            "/api/accounts", List.of(USERNAME_TAKEN),
            "/api/admin/accounts/", List.of(ACCOUNT_NOT_FOUND, ROLE_NOT_HELD, NEIGHBOURHOOD_NOT_FOUND,
                                            NOT_AN_ORGANIZER),
            "/api/neighbourhoods", List.of(NEIGHBOURHOOD_EXISTS),
            "/api/volunteer-post-series", List.of(INVALID_SERIES, INVALID_SCHEDULE, INVALID_CAPACITY, SERIES_NOT_FOUND,
                                                  NOT_YOUR_NEIGHBOURHOOD, NEIGHBOURHOOD_NOT_FOUND, NOT_THE_ORGANIZER),
            "/api/admin/erasures/", List.of(ERASURE_NOT_FOUND, ERASURE_DECIDED),
            "/api/volunteer-posts", List.of(INVALID_SCHEDULE, INVALID_CAPACITY, NOT_THE_ORGANIZER, POST_NOT_OPEN,
                                            SIGN_UP_CLOSED, ALREADY_SIGNED_UP, NOT_SIGNED_UP, OVERLAPPING_SIGN_UP,
                                            NOT_ON_ROSTER, INVALID_ATTENDANCE, NOT_YOUR_NEIGHBOURHOOD,
                                            NEIGHBOURHOOD_NOT_FOUND),
            "/api/festival-events", List.of(INVALID_SCHEDULE, INVALID_CAPACITY, NOT_THE_ORGANIZER, VENUE_CLASH,
                                            EVENT_NOT_OPEN, ALREADY_REGISTERED, NOT_REGISTERED, NOT_A_COMPETITION,
                                            ALREADY_SUBMITTED, COUPLET_LINE_LENGTH, COUPLET_LINES_UNEQUAL,
                                            COUPLET_SCROLL_LENGTH, INVALID_SCORE, ENTRY_NOT_FOUND,
                                            NOT_YOUR_NEIGHBOURHOOD, NEIGHBOURHOOD_NOT_FOUND),
            "/api/courses", List.of(INVALID_COURSE, INVALID_GRADE_RANGE, INVALID_SESSIONS, OVERLAPPING_SESSIONS,
                                    INVALID_CAPACITY, NOT_THE_ORGANIZER, COURSE_NOT_OPEN, COURSE_NOT_OVER,
                                    GRADE_OUT_OF_RANGE, ALREADY_ENROLLED, OVERLAPPING_ENROLLMENT,
                                    ENROLLMENT_NOT_FOUND, NOT_THE_GUARDIAN, SESSION_NOT_FOUND, SESSION_NOT_STARTED,
                                    SESSION_STARTED, SESSION_CANCELLED, NOT_ENROLLED, CONFLICTING_MARKS,
                                    INVALID_FEEDBACK, FEEDBACK_NOT_ALLOWED, FEEDBACK_ALREADY_GIVEN,
                                    NOT_YOUR_NEIGHBOURHOOD, NEIGHBOURHOOD_NOT_FOUND));

    /** Refusals only one operation gives, by its method and path. */
    private static final Map<String, Map<Integer, List<String>>> OWN = Map.of(
            "POST /api/accounts", Map.of(429, List.of("too-many-registrations")),
            "POST /api/admin/projections/{name}/replay", Map.of(409, List.of("rebuild-running")),
            "GET /api/audit/streams/{id}/state", Map.of(422, List.of("no-past-state")),
            "POST /api/courses/{id}/enrollments", Map.of(CONSENT_REQUIRED.status(), List.of(CONSENT_REQUIRED.slug())),
            "GET /api/volunteers/me/certificate.pdf", Map.of(422, List.of(INVALID_PERIOD.slug(), NO_HOURS.slug()),
                                                             429, List.of("too-many-certificates")),
            "GET /api/certificates/{code}", Map.of(404, List.of(CERTIFICATE_NOT_FOUND.slug()),
                                                   429, List.of("too-many-lookups")));

    @Bean
    OpenApiCustomizer problemResponsesDescribed() {
        return api -> {
            api.getComponents().addSchemas("Problem", problem())
               .addSchemas("FieldError", new ObjectSchema().addProperty("field", new StringSchema())
                                                           .addProperty("message", new StringSchema()));
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                    (method, operation) -> describeProblems(path, method, operation)));
        };
    }

    private static void describeProblems(String path, PathItem.HttpMethod method, Operation operation) {
        Map<Integer, Set<String>> types = new TreeMap<>();
        boolean body = operation.getRequestBody() != null;
        boolean change = method != PathItem.HttpMethod.GET;
        boolean signedIn = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        boolean stream = operation.getResponses().values().stream().anyMatch(
                r -> r.getContent() != null && r.getContent().containsKey("text/event-stream"));

        may(types, 500, "internal-error");
        may(types, 503, "storage-unavailable");
        if (body || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            may(types, 400, "validation", "malformed-request");
        }
        if (body) {
            may(types, 413, "payload-too-large");
            may(types, 415, "unsupported-media-type");
        }
        if (signedIn) {
            may(types, 401, "unauthenticated");
            may(types, 403, "forbidden");
            may(types, 429, "login-locked");
            may(types, 503, "sign-in-busy");
        }
        if (path.contains("{")) {
            may(types, 404, "not-found");
        }
        if (change) {
            may(types, 403, "cross-site-request");
            may(types, 409, CONCURRENT_MODIFICATION.slug());
            may(types, 503, "views-behind");
            RULES.forEach((prefix, codes) -> codes.stream().filter(code -> path.startsWith(prefix))
                                                  .forEach(code -> may(types, code.status(), code.slug())));
        }
        if (method == PathItem.HttpMethod.POST && IdempotentRequests.CREATING_PATHS.contains(path)) {
            may(types, REQUEST_IN_PROGRESS.status(), REQUEST_IN_PROGRESS.slug());
            may(types, IDEMPOTENCY_KEY_REUSED.status(), IDEMPOTENCY_KEY_REUSED.slug());
        }
        if (stream) {
            may(types, 429, "too-many-live-streams");
            may(types, 503, "live-streams-full");
        }
        OWN.getOrDefault(method + " " + path, Map.of())
           .forEach((status, slugs) -> may(types, status, slugs.toArray(String[]::new)));
        types.forEach((status, slugs) -> operation.getResponses().addApiResponse(String.valueOf(status),
                                                                                 response(status, slugs)));
    }

    private static void may(Map<Integer, Set<String>> types, int status, String... slugs) {
        types.computeIfAbsent(status, s -> new LinkedHashSet<>()).addAll(List.of(slugs));
    }

    private static ApiResponse response(int status, Set<String> slugs) {
        ApiResponse response = new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + ". Problem types: " + slugs.stream()
                        .map(slug -> "`/problems/" + slug + "`").collect(Collectors.joining(", ")))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM))));
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().schema(new IntegerSchema()).description(
                    "Seconds to wait before trying again, where the platform knows"));
        }
        return response;
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("An RFC 7807 problem")
                .addProperty("type", new StringSchema().format("uri-reference")
                                                       .description("Stable, for programs: /problems/<slug>"))
                .addProperty("title", new StringSchema().description("The type's name"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What happened, for people"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("The path asked for"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                                                        .description("With validation: the fields that are not valid"))
                .addProperty("subject", new StringSchema().description(
                        "With some business rules: the other record involved (for an overlap, the one it overlaps)"));
    }
}
