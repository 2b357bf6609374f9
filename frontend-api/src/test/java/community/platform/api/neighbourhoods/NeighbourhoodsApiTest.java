package community.platform.api.neighbourhoods;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The sub-district's tree over HTTP: ADMINs add neighbourhoods and appoint organizers, anyone reads the list. */
class NeighbourhoodsApiTest extends ApiTest {

    private static final String PASSWORD = "neighbourhoods-password";

    private JsonNode create(String name, List<String> areas) {
        return asAdmin().post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", name, "areas", areas)).exchange()
                        .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode list() {
        return web.get().uri("/api/neighbourhoods").exchange().expectStatus().isOk()
                  .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void anAdminAddsANeighbourhoodThatAnyoneSeesInTheList() {
        String name = unique("东湖社区");
        JsonNode created = create(" " + name + " ", List.of("东湖小区", "翠园"));

        assertThat(created.get("id").asText()).startsWith("nb-");
        assertThat(created.get("name").asText()).isEqualTo(name);
        assertThat(created.get("areas")).hasSize(2);
        assertThat(list().findValuesAsText("name")).contains(name);
    }

    @Test
    void aNameIsTakenOnceEvenWhenTwoAdminsAddItAtOnce() throws Exception {
        String name = unique("西湖社区");
        List<CompletableFuture<Integer>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> asAdmin().post().uri("/api/neighbourhoods")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "areas", List.of()))
                    .exchange().returnResult(String.class).getStatus().value()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> one : both) {
            statuses.add(one.get());
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        asAdmin().post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of("name", name.toUpperCase() + "  ", "areas", List.of())).exchange()
                 .expectStatus().isEqualTo(409)
                 .expectBody().jsonPath("$.type").isEqualTo("/problems/neighbourhood-exists");
        assertThat(list().findValuesAsText("name").stream().filter(name::equals)).hasSize(1);
    }

    @Test
    void onlyAnAdminAddsOneAndBadInputChangesNothing() {
        String resident = account("resident", PASSWORD, "RESIDENT");
        as(resident, PASSWORD).post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(Map.of("name", unique("nb"), "areas", List.of())).exchange()
                              .expectStatus().isForbidden();
        web.post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("name", unique("nb"), "areas", List.of())).exchange().expectStatus().isUnauthorized();
        String tooLong = "长".repeat(61);
        asAdmin().post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of("name", tooLong, "areas", List.of(" "))).exchange()
                 .expectStatus().isBadRequest()
                 .expectBody().jsonPath("$.type").isEqualTo("/problems/validation");
        assertThat(list().toString()).doesNotContain(tooLong);
    }

    @Test
    void anOrganizerIsAppointedOnceAndOnlyAnOrganizerInANeighbourhoodThatExists() {
        String id = create(unique("南湖社区"), List.of()).get("id").asText();
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");

        for (int i = 0; i < 2; i++) {
            asAdmin().post().uri("/api/admin/accounts/{u}/neighbourhoods", organizer)
                     .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", id)).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.organizers[0]").isEqualTo(organizer)
                     .jsonPath("$.organizers.length()").isEqualTo(1);
        }
        // who is appointed is for ADMINs: a stranger, or a resident, does not collect organizers' usernames
        assertThat(list().toString()).doesNotContain(organizer).doesNotContain("organizers");
        assertThat(as(resident, PASSWORD).get().uri("/api/neighbourhoods").exchange().expectStatus().isOk()
                                         .expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(organizer);
        assertThat(asAdmin().get().uri("/api/neighbourhoods").exchange().expectStatus().isOk()
                            .expectBody(String.class).returnResult().getResponseBody()).contains(organizer);

        asAdmin().post().uri("/api/admin/accounts/{u}/neighbourhoods", resident)
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", id)).exchange()
                 .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/not-an-organizer");
        asAdmin().post().uri("/api/admin/accounts/{u}/neighbourhoods", organizer)
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", "nb-nowhere")).exchange()
                 .expectStatus().isNotFound().expectBody().jsonPath("$.type")
                 .isEqualTo("/problems/neighbourhood-not-found");
        asAdmin().post().uri("/api/admin/accounts/{u}/neighbourhoods", "no-such-person")
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", id)).exchange()
                 .expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo("/problems/account-not-found");
        as(organizer, PASSWORD).post().uri("/api/admin/accounts/{u}/neighbourhoods", organizer)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", id))
                               .exchange().expectStatus().isForbidden();
    }
}
