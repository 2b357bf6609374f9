package community.platform.api.web;

import community.platform.ApiTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v3/api-docs} as a client generator reads it: valid OpenAPI, every answer typed, the real status codes, the
 * problem responses, the sign-in, a summary per operation.
 */
class OpenApiDocumentTest extends ApiTest {

    /** Fields whose shape is the recorded event's own, different for each event type: free-form on purpose. */
    private static final Set<String> FREE_FORM_ON_PURPOSE = Set.of("AuditEvent.payload", "AuditEvent.metadata",
                                                                   "RecordState.state", "Decision.inputs");

    /** The operations anyone may call without signing in. */
    private static final Set<String> PUBLIC = Set.of("POST /api/accounts", "GET /api/public/ping",
                                                       "GET /api/privacy/notice", "GET /api/certificates/{code}");

    private String json;
    private OpenAPI api;

    @BeforeEach
    void readTheDocument() {
        json = OpenApiTest.docs(web).expectBody(String.class).returnResult().getResponseBody();
        api = new OpenAPIV3Parser().readContents(json, null, new ParseOptions()).getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApi() {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, new ParseOptions());

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void theInfoNamesThePlatform() {
        assertThat(api.getInfo().getTitle()).isNotBlank().isNotEqualTo("OpenAPI definition");
        assertThat(api.getInfo().getVersion()).isNotBlank().isNotEqualTo("v0").doesNotContain("@");
        assertThat(api.getInfo().getDescription()).isNotBlank();
    }

    @Test
    void onlyTheApiIsDescribedNotThePages() {
        assertThat(api.getPaths().keySet()).allMatch(path -> path.startsWith("/api/"));
    }

    @Test
    void everyOperationHasASummaryAndItsOwnId() {
        Set<String> ids = new HashSet<>();
        forEachOperation((name, operation) -> {
            assertThat(operation.getSummary()).as(name).isNotBlank();
            assertThat(operation.getOperationId()).as(name).doesNotMatch(".*_\\d+");
            assertThat(ids.add(operation.getOperationId())).as("operationId of " + name + " is unique").isTrue();
        });
    }

    @Test
    void noOperationAnswersAnUntypedObject() {
        List<String> untyped = new ArrayList<>();
        forEachOperation((name, operation) -> operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null) {
                response.getContent().forEach((mediaType, media) -> {
                    if (!isText(mediaType, media.getSchema()) && !isNamedRecord(media.getSchema())) {
                        untyped.add(name + " " + status + " " + mediaType);
                    }
                });
            }
        }));
        api.getComponents().getSchemas().forEach((schemaName, schema) -> freeFormFields(schemaName, schema, untyped));

        assertThat(untyped).isEmpty();
    }

    @Test
    void answersNameTheirMediaTypes() {
        forEachOperation((name, operation) -> {
            operation.getResponses().forEach((status, response) -> assertThat(mediaTypes(response.getContent()))
                    .as(name + " " + status).doesNotContain("*/*"));
            if (operation.getRequestBody() != null) {
                assertThat(mediaTypes(operation.getRequestBody().getContent())).as(name).containsOnly(
                        "application/json");
            }
        });
        assertThat(mediaTypes(response("GET /api/volunteer-posts/{id}", "200"))).containsOnly("application/json");
        assertThat(mediaTypes(response("GET /api/volunteer-posts/{id}/stream", "200")))
                .containsOnly("text/event-stream");
        assertThat(mediaTypes(response("GET /api/volunteers/me/calendar.ics", "200"))).containsOnly("text/calendar");
        assertThat(mediaTypes(response("GET /api/audit/events", "200")))
                .containsOnly("application/x-ndjson", "text/csv");
    }

    /** Two request records of one simple name (Reschedule) once shared one schema, and one lost its fields. */
    @Test
    void requestsKeepTheirOwnSchemas() {
        assertThat(requestFields("PUT /api/festival-events/{id}/schedule")).contains("venue", "startsAt");
        assertThat(requestFields("PUT /api/courses/{id}/sessions/{sessionNo}")).contains("date", "room");
        assertThat(requestFields("POST /api/festival-events/{id}/cancellation")).contains("reason");
        assertThat(requestFields("POST /api/courses/{id}/enrollments")).contains("childName", "childGrade", "consent",
                                                                                 "consentVersion");
        assertThat(requestFields("POST /api/courses/{id}/sessions/{sessionNo}/cancellation")).contains("reason");
    }

    @Test
    void creatingPostsAnswer201AndOtherSuccessesTheirOwnStatus() {
        for (String path : IdempotentRequests.CREATING_PATHS) {
            // an erasure request is created to be decided later: accepted, not done
            assertThat(operation("POST " + path).getResponses().keySet()).as(path)
                    .contains(path.endsWith("/erasure") ? "202" : "201").doesNotContain("200");
        }
        assertThat(operation("POST /api/admin/projections/{name}/replay").getResponses().keySet())
                .contains("202").doesNotContain("200");
        for (String noContent : List.of("DELETE /api/volunteer-posts/{id}/signups/me",
                                        "DELETE /api/festival-events/{id}/registrations/me",
                                        "DELETE /api/courses/{id}/enrollments/{enrollmentId}",
                                        "POST /api/notifications/{id}/read")) {
            assertThat(operation(noContent).getResponses().keySet()).as(noContent).contains("204")
                                                                    .doesNotContain("200");
        }
    }

    @Test
    void signingInIsHttpBasicExceptWherePublic() {
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        assertThat(schemes).isNotEmpty();
        String basic = schemes.entrySet().stream()
                              .filter(s -> s.getValue().getType() == SecurityScheme.Type.HTTP
                                      && "basic".equalsIgnoreCase(s.getValue().getScheme()))
                              .map(Map.Entry::getKey).findFirst().orElseThrow();

        forEachOperation((name, operation) -> {
            var security = operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
            if (PUBLIC.contains(name)) {
                assertThat(security).as(name).isEmpty();
                assertThat(operation.getResponses()).as(name).doesNotContainKey("401");
            } else {
                assertThat(security).as(name).anyMatch(requirement -> requirement.containsKey(basic));
                assertThat(operation.getResponses()).as(name).containsKeys("401", "403");
            }
        });
    }

    @Test
    void problemsAreDescribedAsProblemJson() {
        forEachOperation((name, operation) -> {
            assertThat(operation.getResponses().keySet()).as(name).anyMatch(status -> status.startsWith("4") || status.startsWith("5"));
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(mediaTypes(response.getContent())).as(name + " " + status)
                                                                .containsOnly("application/problem+json");
                    assertThat(response.getContent().get("application/problem+json").getSchema().get$ref())
                            .as(name + " " + status).endsWith("/Problem");
                    assertThat(response.getDescription()).as(name + " " + status).contains("/problems/");
                }
            });
            if (hasPathParameters(operation)) {
                assertThat(operation.getResponses()).as(name).containsKey("404");
            }
            if (operation.getRequestBody() != null) {
                assertThat(operation.getResponses()).as(name).containsKey("400");
            }
        });
        Schema<?> problem = api.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance", "errors");
        assertThat(response("POST /api/volunteer-posts/{id}/signups", "409").getDescription())
                .contains("/problems/overlapping-sign-up");
        assertThat(response("GET /api/volunteer-posts/{id}/stream", "429").getDescription())
                .contains("/problems/too-many-live-streams");
        assertThat(response("GET /api/volunteer-posts/{id}/stream", "503").getDescription())
                .contains("/problems/live-streams-full");
        assertThat(response("POST /api/accounts", "429").getDescription())
                .contains("/problems/too-many-registrations");
        assertThat(response("POST /api/admin/projections/{name}/replay", "409").getDescription())
                .contains("/problems/rebuild-running");
        assertThat(response("POST /api/courses/{id}/enrollments", "422").getDescription())
                .contains("/problems/consent-required");
    }

    private void forEachOperation(BiConsumer<String, Operation> check) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (method, operation) -> check.accept(method + " " + path, operation)));
    }

    private Operation operation(String methodAndPath) {
        String[] parts = methodAndPath.split(" ");
        PathItem item = api.getPaths().get(parts[1]);
        assertThat(item).as(methodAndPath).isNotNull();
        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0]));
        assertThat(operation).as(methodAndPath).isNotNull();
        return operation;
    }

    private io.swagger.v3.oas.models.responses.ApiResponse response(String methodAndPath, String status) {
        var response = operation(methodAndPath).getResponses().get(status);
        assertThat(response).as(methodAndPath + " " + status).isNotNull();
        return response;
    }

    private Set<String> requestFields(String methodAndPath) {
        String ref = operation(methodAndPath).getRequestBody().getContent().get("application/json").getSchema()
                                             .get$ref();
        return api.getComponents().getSchemas().get(ref.replace("#/components/schemas/", "")).getProperties()
                  .keySet();
    }

    private static Set<String> mediaTypes(io.swagger.v3.oas.models.responses.ApiResponse response) {
        return mediaTypes(response.getContent());
    }

    private static Set<String> mediaTypes(Content content) {
        return content == null ? Set.of() : content.keySet();
    }

    private static boolean hasPathParameters(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
    }

    /** A text answer (iCalendar, CSV), documented as text rather than as an object. */
    /** Text, or a file: a string of bytes ({@code format: binary}), such as a PDF. */
    private static boolean isText(String mediaType, Schema<?> schema) {
        if ("string".equals(type(schema)) && "binary".equals(schema.getFormat())) {
            return true;
        }
        return mediaType.startsWith("text/") && !mediaType.equals("text/event-stream")
                && ("string".equals(type(schema))
                || "array".equals(type(schema)) && "string".equals(type(schema.getItems())));
    }

    /** A reference to a schema with properties, or a list of them: never a map or a bare object. */
    private boolean isNamedRecord(Schema<?> schema) {
        if (schema == null) {
            return false;
        }
        if ("array".equals(type(schema))) {
            return isNamedRecord(schema.getItems());
        }
        if (schema.get$ref() == null) {
            return false;
        }
        Schema<?> named = api.getComponents().getSchemas().get(schema.get$ref().replace("#/components/schemas/", ""));
        return named != null && named.getProperties() != null && !named.getProperties().isEmpty();
    }

    /** Fields that are objects with nothing said about their content. */
    private static void freeFormFields(String schemaName, Schema<?> schema, List<String> found) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((field, property) -> {
            Schema<?> inner = "array".equals(type(property)) ? property.getItems() : property;
            if (isFreeForm(inner) && !FREE_FORM_ON_PURPOSE.contains(schemaName + "." + field)) {
                found.add(schemaName + "." + field);
            }
        });
    }

    private static boolean isFreeForm(Schema<?> schema) {
        if (schema == null || schema.get$ref() != null || schema.getProperties() != null) {
            return false;
        }
        String type = type(schema);
        Object additional = schema.getAdditionalProperties();
        boolean anything = additional == null || Boolean.TRUE.equals(additional)
                || additional instanceof Schema<?> values && type(values) == null && values.get$ref() == null;
        return (type == null || "object".equals(type)) && anything;
    }

    private static String type(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null || schema.getTypes().isEmpty() ? null : schema.getTypes().iterator().next();
    }
}
