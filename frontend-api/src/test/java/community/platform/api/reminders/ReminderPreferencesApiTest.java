package community.platform.api.reminders;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.HashMap;
import java.util.Map;

/** A resident's reminder preferences over the API: the defaults, a change, and what is refused. */
class ReminderPreferencesApiTest extends ApiTest {

    private static final String PASSWORD = "reminder-password";

    private Map<String, Object> preferences(Object email, int hours, String language) {
        Map<String, Object> body = new HashMap<>(Map.of("emailEnabled", true, "smsEnabled", false,
                                                        "hoursBefore", hours, "language", language));
        body.put("email", email);
        return body;
    }

    @Test
    void aResidentReadsTheDefaultsAndSetsTheirOwn() {
        String resident = account("remind", PASSWORD, "RESIDENT");
        as(resident, PASSWORD).get().uri("/api/accounts/me/reminders").exchange().expectStatus().isOk()
                              .expectBody().json("{\"email\":null,\"emailEnabled\":true,\"smsEnabled\":true,"
                                                 + "\"hoursBefore\":24,\"language\":\"zh\"}");
        as(resident, PASSWORD).put().uri("/api/accounts/me/reminders").contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(preferences("me@example.cn", 6, "en")).exchange().expectStatus().isOk()
                              .expectBody().json("{\"email\":\"me@example.cn\",\"emailEnabled\":true,"
                                                 + "\"smsEnabled\":false,\"hoursBefore\":6,\"language\":\"en\"}");
        as(resident, PASSWORD).get().uri("/api/accounts/me/reminders").exchange()
                              .expectBody().jsonPath("$.hoursBefore").isEqualTo(6);
    }

    @Test
    void badPreferencesAreRefusedAndChangeNothingAndStrangersHaveNone() {
        String resident = account("remind", PASSWORD, "RESIDENT");
        for (Map<String, Object> bad : java.util.List.of(preferences("not-an-address", 24, "zh"),
                                                         preferences(null, 0, "zh"), preferences(null, 73, "zh"),
                                                         preferences(null, 24, "fr"))) {
            as(resident, PASSWORD).put().uri("/api/accounts/me/reminders").contentType(MediaType.APPLICATION_JSON)
                                  .bodyValue(bad).exchange().expectStatus().isBadRequest()
                                  .expectBody().jsonPath("$.type").isEqualTo("/problems/validation");
        }
        as(resident, PASSWORD).get().uri("/api/accounts/me/reminders").exchange()
                              .expectBody().jsonPath("$.hoursBefore").isEqualTo(24);
        web.get().uri("/api/accounts/me/reminders").exchange().expectStatus().isUnauthorized();
    }
}
