package community.platform.query.accounts;

import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.shared.accounts.AccountEvent;
import org.axonframework.queryhandling.QueryUpdateEmitter;

import java.time.Instant;
import java.util.Locale;

/** A deliberately changed account projection, for the diff: display names in capitals. */
public class ShoutingAccountProjection extends AccountProjection {

    public ShoutingAccountProjection(MongoDatabase platformViewDatabase, QueryUpdateEmitter updates) {
        super(platformViewDatabase, updates);
    }

    @Override
    public AccountView apply(AccountView before, AccountEvent event, long sequence, Instant at) {
        AccountView view = super.apply(before, event, sequence, at);
        return new AccountView(view.username(), view.displayName().toUpperCase(Locale.ROOT), view.roles(),
                               view.phone(), view.registeredAt(), view.erased());
    }
}
