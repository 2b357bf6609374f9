package community.platform.command.handling;

import org.axonframework.common.caching.NoCache;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The saga store the processes use on the embedded store: Axon's caching store over {@link AtomicCache}. */
class AtomicCacheTest {

    private static final AssociationValue POST = new AssociationValue("postId", "post-1");

    /** A store whose lookups can be held between reading and answering, and counted. */
    private static final class SlowLookups implements SagaStore<Object> {

        final InMemorySagaStore sagas = new InMemorySagaStore();
        final AtomicInteger lookups = new AtomicInteger();
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch stored = new CountDownLatch(1);

        @Override
        public Set<String> findSagas(Class<?> type, AssociationValue association) {
            lookups.incrementAndGet();
            Set<String> found = Set.copyOf(sagas.findSagas(type, association));
            read.countDown();
            try {
                // long enough for a saga to be stored meanwhile, unless storing it waits for this lookup
                stored.await(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return found;
        }

        @Override
        public <S> Entry<S> loadSaga(Class<S> type, String id) {
            return sagas.loadSaga(type, id);
        }

        @Override
        public void deleteSaga(Class<?> type, String id, Set<AssociationValue> associations) {
            sagas.deleteSaga(type, id, associations);
        }

        @Override
        public void insertSaga(Class<?> type, String id, Object saga, Set<AssociationValue> associations) {
            sagas.insertSaga(type, id, saga, associations);
        }

        @Override
        public void updateSaga(Class<?> type, String id, Object saga, AssociationValues associations) {
            sagas.updateSaga(type, id, saga, associations);
        }
    }

    private static SagaStore<Object> kept(SagaStore<Object> store) {
        return CachingSagaStore.builder().delegateSagaStore(store).associationsCache(new AtomicCache(100))
                               .sagaCache(NoCache.INSTANCE).build();
    }

    @Test
    void aSagaStoredWhileItsAssociationIsBeingLookedUpIsNotLostFromWhatIsKept() throws Exception {
        SlowLookups store = new SlowLookups();
        SagaStore<Object> kept = kept(store);

        CompletableFuture<Set<String>> lookup = CompletableFuture.supplyAsync(() -> kept.findSagas(Object.class, POST));
        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> {
            try {
                store.read.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            kept.insertSaga(Object.class, "saga-1", new Object(), Set.of(POST));
            store.stored.countDown();
        });
        lookup.get(5, TimeUnit.SECONDS);
        start.get(5, TimeUnit.SECONDS);

        assertThat(kept.findSagas(Object.class, POST)).containsExactly("saga-1");
    }

    @Test
    void anAssociationIsReadFromTheStoreOnceAndKeptUpToDateAfterwards() {
        SlowLookups store = new SlowLookups();
        store.stored.countDown();
        SagaStore<Object> kept = kept(store);

        assertThat(kept.findSagas(Object.class, POST)).isEmpty();
        kept.insertSaga(Object.class, "saga-1", new Object(), Set.of(POST));
        assertThat(kept.findSagas(Object.class, POST)).containsExactly("saga-1");
        kept.deleteSaga(Object.class, "saga-1", Set.of(POST));
        assertThat(kept.findSagas(Object.class, POST)).isEmpty();

        assertThat(store.lookups).hasValue(2);
    }
}
