package community.platform.api.accounts;

import com.mongodb.client.MongoDatabase;
import community.platform.ApiTest;
import community.platform.shared.accounts.RoleGrantedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsApiTest extends ApiTest {

    @Autowired
    private EventStore events;

    @Autowired
    private MongoDatabase database;

    @Test
    void aNewResidentIsRegisteredAndCanSignInAtOnce() {
        String username = unique("Li.Hua");

        register(username, "a-long-password")
                .expectStatus().isCreated()
                .expectHeader().location("/api/accounts/" + username.toLowerCase())
                .expectBody().json("{\"username\":\"" + username.toLowerCase() + "\",\"roles\":[\"RESIDENT\"]}");

        as(username, "a-long-password").get().uri("/api/accounts/me").exchange()
                                       .expectStatus().isOk()
                                       .expectBody()
                                       .jsonPath("$.username").isEqualTo(username.toLowerCase())
                                       .jsonPath("$.displayName").isEqualTo("Resident " + username)
                                       .jsonPath("$.roles").isEqualTo(List.of("RESIDENT"));
    }

    @Test
    void usernamesDifferingOnlyInCaseAreOneAccount() {
        String username = unique("wangwei");
        register(username, "a-long-password").expectStatus().isCreated();

        register(username.toUpperCase(), "another-password")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/username-taken");
    }

    @Test
    void tenRegistrationsOfOneUsernameAtOnceGiveExactlyOneAccount() throws Exception {
        String username = unique("popular");
        ExecutorService callers = Executors.newFixedThreadPool(10);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String password = "password-number-" + i;
            attempts.add(() -> register(username, password).returnResult(String.class).getStatus().value());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : callers.invokeAll(attempts)) {
            statuses.add(status.get());
        }
        callers.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
        assertThat(events.readEvents(username).asStream().count()).isEqualTo(1);
    }

    @Test
    void anAdminGrantsAndRevokesRolesAndTheCallerSeesThemAtOnce() {
        String username = unique("organizer");
        register(username, "a-long-password").expectStatus().isCreated();

        asAdmin().post().uri("/api/admin/accounts/{u}/roles", username).contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of("role", "ORGANIZER")).exchange()
                 .expectStatus().isOk()
                 .expectBody().json("{\"username\":\"" + username + "\",\"roles\":[\"RESIDENT\",\"ORGANIZER\"]}");
        as(username, "a-long-password").get().uri("/api/accounts/me").exchange()
                                       .expectBody().jsonPath("$.roles").isEqualTo(List.of("RESIDENT", "ORGANIZER"));

        asAdmin().delete().uri("/api/admin/accounts/{u}/roles/ORGANIZER", username).exchange()
                 .expectStatus().isOk()
                 .expectBody().json("{\"roles\":[\"RESIDENT\"]}");
        asAdmin().delete().uri("/api/admin/accounts/{u}/roles/ORGANIZER", username).exchange()
                 .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                 .expectBody().jsonPath("$.type").isEqualTo("/problems/role-not-held");
    }

    @Test
    void grantingARoleToNoOneIsNotFound() {
        asAdmin().post().uri("/api/admin/accounts/nobody-at-all/roles").contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of("role", "AUDITOR")).exchange()
                 .expectStatus().isNotFound()
                 .expectBody().jsonPath("$.type").isEqualTo("/problems/account-not-found");
    }

    @Test
    void everyEventNamesWhoDidItWithTheRequestIdAndAddress() {
        String username = unique("audited");
        register(username, "a-long-password").expectStatus().isCreated();

        asAdmin().post().uri("/api/admin/accounts/{u}/roles", username).contentType(MediaType.APPLICATION_JSON)
                 .header("X-Request-Id", "req-grant-42")
                 .bodyValue(Map.of("role", "AUDITOR")).exchange()
                 .expectStatus().isOk()
                 .expectHeader().valueEquals("X-Request-Id", "req-grant-42");

        List<? extends DomainEventMessage<?>> stream = events.readEvents(username).asStream().toList();
        assertThat(stream.get(0).getMetaData()).containsEntry("actor", username);
        DomainEventMessage<?> grant = stream.get(1);
        assertThat(grant.getPayload()).isInstanceOf(RoleGrantedEvent.class);
        assertThat(grant.getMetaData()).containsEntry("actor", "root")
                                       .containsEntry("actorRoles", "ADMIN,RESIDENT")
                                       .containsEntry("correlationId", "req-grant-42");
        assertThat(grant.getMetaData()).containsEntry("clientAddress", "127.0.0.1");
        assertThat(database.getCollection("eventCommits").find(new Document("aggregateIdentifier", username))
                           .map(Document::toJson).into(new ArrayList<>()))
                .as("stored encrypted under the actor's key").isNotEmpty()
                .noneMatch(stored -> stored.contains("127.0.0.1")).allMatch(stored -> stored.contains("pii:1:"));
    }

    @Test
    void noStoredEventHoldsAPasswordOrItsHash() {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String username = unique("secretive");
            String password = "pw-" + username + "-xyzzy";
            register(username, password).expectStatus().isCreated();
            secrets.add(password);
            secrets.add(database.getCollection("credentials").find(new Document("_id", username)).first()
                                .getString("passwordHash"));
        }

        List<String> stored = new ArrayList<>();
        database.getCollection("eventCommits").find().forEach(d -> stored.add(d.toJson()));
        database.getCollection("snapshots").find().forEach(d -> stored.add(d.toJson()));

        assertThat(stored).isNotEmpty();
        assertThat(secrets).hasSize(6).allSatisfy(secret -> assertThat(stored).noneMatch(s -> s.contains(secret)));
    }
}
