package community.platform.query.accounts;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.accounts.AccountRecord;
import community.platform.shared.accounts.AccountRegisteredEvent;
import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.FindAccountQuery;
import community.platform.shared.accounts.FindAccountRecordQuery;
import community.platform.shared.accounts.Role;
import community.platform.shared.accounts.RoleGrantedEvent;
import community.platform.shared.accounts.RoleRevokedEvent;
import community.platform.shared.personal.ErasureSubject;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The accounts view against the embedded server, read back through its query handler. */
class AccountProjectionTest {

    private static final Instant AT = Instant.parse("2027-01-20T07:30:00Z");

    private EmbeddedMongo mongo;
    private AccountProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new AccountProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Mono<Optional<AccountSummary>> find(String username) {
        return Mono.fromFuture(() -> projection.handle(new FindAccountQuery(username)));
    }

    @Test
    void registrationAndRoleChangesShapeTheView() {
        projection.on(new AccountRegisteredEvent("lihua", "Li Hua", null, Set.of(Role.RESIDENT)), 0, AT);
        projection.on(new RoleGrantedEvent("lihua", Role.ORGANIZER), 1, AT);
        projection.on(new RoleGrantedEvent("lihua", Role.AUDITOR), 2, AT);
        projection.on(new RoleRevokedEvent("lihua", Role.ORGANIZER), 3, AT);

        StepVerifier.create(find("lihua"))
                    .expectNext(Optional.of(new AccountSummary("lihua", "Li Hua", Set.of(Role.RESIDENT, Role.AUDITOR))))
                    .verifyComplete();
    }

    @Test
    void theOwnersRecordHoldsThePhoneAndWhenTheAccountWasRegistered() {
        projection.on(new AccountRegisteredEvent("lihua", "Li Hua", "138 0000 1111", Set.of(Role.RESIDENT)), 0, AT);
        projection.on(new RoleGrantedEvent("lihua", Role.ORGANIZER), 1, AT.plusSeconds(60));

        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindAccountRecordQuery("lihua"))))
                    .expectNext(Optional.of(new AccountRecord("lihua", "Li Hua", "138 0000 1111",
                                                              Set.of(Role.RESIDENT, Role.ORGANIZER), AT)))
                    .verifyComplete();
    }

    @Test
    void anEventAppliedTwiceChangesTheViewOnce() {
        projection.on(new AccountRegisteredEvent("lihua", "Li Hua", null, Set.of(Role.RESIDENT)), 0, AT);
        projection.on(new RoleGrantedEvent("lihua", Role.ORGANIZER), 1, AT);
        projection.on(new RoleRevokedEvent("lihua", Role.ORGANIZER), 2, AT);
        projection.on(new RoleGrantedEvent("lihua", Role.ORGANIZER), 1, AT);

        StepVerifier.create(find("lihua").map(found -> found.orElseThrow().roles()))
                    .expectNext(Set.of(Role.RESIDENT))
                    .verifyComplete();
    }

    @Test
    void anUnknownAccountIsEmptyNotAnError() {
        StepVerifier.create(find("nobody")).expectNext(Optional.empty()).verifyComplete();
    }

    @Test
    void aResetClearsTheViewForARebuild() {
        projection.on(new AccountRegisteredEvent("lihua", "Li Hua", null, Set.of(Role.RESIDENT)), 0, AT);

        projection.reset();

        StepVerifier.create(find("lihua")).expectNext(Optional.empty()).verifyComplete();
    }

    @Test
    void anErasedAccountIsNoAccountAndLaterEventsOfItChangeNothing() {
        projection.on(new AccountRegisteredEvent("lihua", "Li Hua", null, Set.of(Role.RESIDENT)), 0, AT);
        projection.on(new PersonalDataErasedEvent("er-1", ErasureSubject.ACCOUNT, "lihua", null, "admin",
                                                  java.util.List.of("key-1")));
        projection.on(new RoleGrantedEvent("lihua", Role.ORGANIZER), 1, AT);

        StepVerifier.create(find("lihua")).expectNext(Optional.empty()).verifyComplete();
        StepVerifier.create(Mono.from(mongo.database().getCollection(AccountProjection.COLLECTION).find().first()))
                    .expectNextMatches(stored -> stored.getString("displayName").equals("[erased]")
                            && stored.getList("roles", String.class).isEmpty())
                    .verifyComplete();
    }

    @Test
    void anErasureHandledBeforeTheRegistrationStillLeavesTheAccountErased() {
        projection.on(new PersonalDataErasedEvent("er-1", ErasureSubject.ACCOUNT, "lihua", null, "admin",
                                                  java.util.List.of("key-1")));
        projection.on(new AccountRegisteredEvent("lihua", "[erased]", null, Set.of(Role.RESIDENT)), 0, AT);

        StepVerifier.create(find("lihua")).expectNext(Optional.empty()).verifyComplete();
    }
}
