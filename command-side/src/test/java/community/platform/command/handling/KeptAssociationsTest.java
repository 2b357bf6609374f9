package community.platform.command.handling;

import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The saga store the processes use where this instance is the only one on its store. */
class KeptAssociationsTest {

    private static final AssociationValue POST = new AssociationValue("postId", "post-1");

    /** A store whose lookups can be held between reading and answering, and counted. */
    private static final class SlowLookups implements SagaStore<Object> {

        final InMemorySagaStore sagas = new InMemorySagaStore();
        final AtomicInteger lookups = new AtomicInteger();
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch stored = new CountDownLatch(1);
        final CountDownLatch deleting = new CountDownLatch(1);

        @Override
        public Set<String> findSagas(Class<?> type, AssociationValue association) {
            lookups.incrementAndGet();
            Set<String> found = Set.copyOf(sagas.findSagas(type, association));
            read.countDown();
            // long enough for a saga to be stored meanwhile, unless storing it waits for this lookup
            await(stored);
            return found;
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public <S> Entry<S> loadSaga(Class<S> type, String id) {
            return sagas.loadSaga(type, id);
        }

        /** Lets a lookup read meanwhile, then deletes. */
        @Override
        public void deleteSaga(Class<?> type, String id, Set<AssociationValue> associations) {
            deleting.countDown();
            await(read);
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
        return new KeptAssociations(store, 100);
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
    void aSagaEndedWhileItsAssociationIsBeingLookedUpIsNotKept() throws Exception {
        SlowLookups store = new SlowLookups();
        store.stored.countDown();
        SagaStore<Object> kept = kept(store);
        kept.insertSaga(Object.class, "saga-1", new Object(), Set.of(POST));

        CompletableFuture<Void> end = CompletableFuture.runAsync(
                () -> kept.deleteSaga(Object.class, "saga-1", Set.of(POST)));
        store.deleting.await();
        kept.findSagas(Object.class, POST);
        end.get(5, TimeUnit.SECONDS);

        assertThat(kept.findSagas(Object.class, POST)).isEmpty();
    }

    @Test
    void anAssociationIsReadFromTheStoreOnceAndKeptUpToDateAfterwards() {
        SlowLookups store = new SlowLookups();
        store.stored.countDown();
        SagaStore<Object> kept = kept(store);

        assertThat(kept.findSagas(Object.class, POST)).isEmpty();
        kept.insertSaga(Object.class, "saga-1", new Object(), Set.of(POST));
        assertThat(kept.findSagas(Object.class, POST)).containsExactly("saga-1");
        store.read.countDown();
        kept.deleteSaga(Object.class, "saga-1", Set.of(POST));
        assertThat(kept.findSagas(Object.class, POST)).isEmpty();

        assertThat(store.lookups).hasValue(2);
    }
}
