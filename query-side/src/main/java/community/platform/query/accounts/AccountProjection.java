package community.platform.query.accounts;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.query.audit.RecordFold;
import community.platform.query.views.KeyedViews;
import community.platform.shared.accounts.AccountEvent;
import community.platform.shared.accounts.AccountRecord;
import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.FindAccountRecordQuery;
import community.platform.shared.accounts.FindAccountQuery;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static com.mongodb.client.model.Filters.eq;

/** The accounts view ({@value #COLLECTION}), one document per account, and the queries it answers. */
@Component
@ProcessingGroup(AccountProjection.GROUP)
class AccountProjection implements RecordFold<AccountEvent, AccountView> {

    public static final String GROUP = "accounts";
    public static final String COLLECTION = "accountViews";

    private final MongoCollection<Document> views;
    private final QueryUpdateEmitter updates;

    public AccountProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        this.views = platformViewDatabase.getCollection(COLLECTION);
        this.updates = updates;
    }

    /** Runs on a processor thread: blocking on the write is intended, and updates go out after it. */
    @EventHandler
    void on(AccountEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        KeyedViews.update(views, event.username(), sequence, AccountView::from,
                          before -> apply(before, event, sequence, at), AccountView::toDocument)
                  .ifPresent(view -> updates.emit(FindAccountQuery.class,
                                                  query -> query.username().equals(view.username()),
                                                  Optional.of(view.summary())));
    }

    /**
     * The account becomes a tombstone, marked as applied up to the last sequence there can be: an account event handled
     * after it (a rebuild's other segment, a redelivery) changes nothing, and the erased account stays unable to sign
     * in however its events are replayed.
     */
    @EventHandler
    void on(PersonalDataErasedEvent event) {
        if (!event.ofAccount()) {
            return;
        }
        KeyedViews.update(views, event.username(), Long.MAX_VALUE, AccountView::from,
                          before -> AccountView.erased(event.username()), AccountView::toDocument)
                  .ifPresent(view -> updates.emit(FindAccountQuery.class,
                                                  query -> query.username().equals(view.username()),
                                                  Optional.empty()));
    }

    @Override
    public Class<AccountEvent> events() {
        return AccountEvent.class;
    }

    @Override
    public AccountView apply(AccountView before, AccountEvent event, long sequence, Instant at) {
        return AccountView.apply(before, event, at);
    }

    @Override
    public Object present(AccountView view, long sequence, Instant asOf) {
        return view.summary();
    }

    @ResetHandler
    void reset() {
        Mono.from(views.deleteMany(new Document())).block();
    }

    @QueryHandler
    CompletableFuture<Optional<AccountSummary>> handle(FindAccountQuery query) {
        return Mono.from(views.find(eq("_id", query.username())).first())
                   .map(AccountView::from)
                   .filter(account -> !account.erased())
                   .map(account -> Optional.of(account.summary()))
                   .defaultIfEmpty(Optional.empty())
                   .toFuture();
    }

    @QueryHandler
    CompletableFuture<Optional<AccountRecord>> handle(FindAccountRecordQuery query) {
        return Mono.from(views.find(eq("_id", query.username())).first())
                   .map(document -> Optional.of(AccountView.from(document).record()))
                   .defaultIfEmpty(Optional.empty())
                   .toFuture();
    }
}
