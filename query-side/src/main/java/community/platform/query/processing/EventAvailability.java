package community.platform.query.processing;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the processors read it, with word when new events arrive. A pooled processor that has caught up
 * waits for its stream to call back when there is more; the embedded event store's streams cannot, so the processor
 * would look again only every 500 ms, and a command that waits for its view would wait that long too. Here one thread
 * tails the store (the event store's shared cache, which it fills right after a commit in this process, and at least
 * every second from other processes) and, whenever events come, runs the callbacks of every open stream.
 */
final class EventAvailability implements StreamableMessageSource<TrackedEventMessage<?>>, Lifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventAvailability.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private volatile boolean closed;

    EventAvailability(StreamableMessageSource<TrackedEventMessage<?>> store) {
        this.store = store;
        this.watcher = new Thread(this::watch, "event-availability");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        BlockingStream<TrackedEventMessage<?>> stream = null;
        while (!closed) {
            try {
                if (stream == null) {
                    stream = store.openStream(store.createHeadToken());
                }
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    while (stream.hasNextAvailable()) {
                        stream.nextAvailable();
                    }
                    callbacks.forEach(Runnable::run);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (!closed) {
                    log.warn("Watching for new events failed; until it recovers, processors find new events only"
                             + " when they renew their claims (every few seconds)", e);
                }
                if (stream != null) {
                    stream.close();
                    stream = null;
                }
                sleepQuietly();
            }
        }
        if (stream != null) {
            stream.close();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(token);
        return new BlockingStream<>() {
            private Runnable callback;

            @Override
            public Optional<TrackedEventMessage<?>> peek() {
                return stream.peek();
            }

            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                return stream.hasNextAvailable(timeout, unit);
            }

            @Override
            public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                return stream.nextAvailable();
            }

            @Override
            public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
                stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
            }

            @Override
            public boolean setOnAvailableCallback(Runnable callback) {
                if (this.callback != null) {
                    callbacks.remove(this.callback);
                }
                this.callback = callback;
                callbacks.add(callback);
                return true;
            }

            @Override
            public void close() {
                if (callback != null) {
                    callbacks.remove(callback);
                }
                stream.close();
            }
        };
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** Stops watching when the processors have stopped. */
    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 1, this::close);
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
