package community.platform.command.handling;

import org.axonframework.common.caching.NoCache;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;

import java.util.Set;

/**
 * The processes' saga store where this instance is the only one on its store: what a lookup of an association found is
 * kept ({@link AtomicCache}), the sagas themselves are always read from the store. Axon's caching store forgets an
 * ended saga before it deletes it from the store, so a lookup in between would find it stored and keep it; here the
 * store's delete comes first, and whatever a lookup kept meanwhile is forgotten after it.
 */
final class KeptAssociations extends CachingSagaStore<Object> {

    private final SagaStore<Object> store;

    KeptAssociations(SagaStore<Object> store, long maximumSize) {
        super(CachingSagaStore.builder().delegateSagaStore(store).associationsCache(new AtomicCache(maximumSize))
                              .sagaCache(NoCache.INSTANCE));
        this.store = store;
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        store.deleteSaga(sagaType, sagaIdentifier, associationValues);
        // forgets it here; its own delete from the store then finds nothing to delete
        super.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }
}
