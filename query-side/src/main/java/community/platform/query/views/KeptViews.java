package community.platform.query.views;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The view documents a live processor read and wrote, kept from one batch of events to the next, so that a record
 * whose events come one batch after another (a post while its volunteers sign up) is read from the store once, not
 * once per batch. The documents are as the store has them only while nobody else writes them, so a processor keeps
 * them only while all of these hold:
 * <ul>
 *     <li>this instance holds the processor's only segment, whose claim covers every record (with several segments, a
 *     segment's events can change documents of another's records: an erasure scrubs a name from every post);</li>
 *     <li>it has held that claim without a break: anything kept is forgotten when a claim is taken (another instance
 *     may have written before), given back or lost (a token that could not be stored), or renewed after it had lapsed;
 *     and it is not used once the claim was last renewed more than half its timeout ago, after which another instance
 *     might have taken it over (this takes the instances' clocks to agree within half the claim timeout, as Axon's
 *     claims do within the timeout);</li>
 *     <li>the processor has no events set aside ({@code DeadLetters}): a retry, on any instance, writes documents
 *     outside its batches. Kept documents are forgotten when an event is set aside, and none are kept until the queue
 *     is seen empty: it is looked at in the first batch after a claim is taken, and then in the first batch after each
 *     {@code lookAtDeadLettersEvery}, whoever set the letters aside;</li>
 *     <li>the batch's unit of work did not roll back.</li>
 * </ul>
 * A rebuild stops the processor, so its claim is given back and taken again after: nothing kept survives it. Each
 * processor keeps at most {@code documents} entries (a document read as a view counts twice; 0 keeps none), and
 * forgets them all when it has more. The token store tells this class about claims ({@link #claimed},
 * {@link #renewed}, {@link #released}); the processors' dead-letter policy about events set aside ({@link #setAside}).
 */
public final class KeptViews {

    private final long freshNanos;
    private final int documents;
    private final long lookAtDeadLettersNanos;
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    /** A claim of a processor's only segment, renewed at {@code renewedAt} (nanoseconds) at the latest. */
    private static final class Claim {
        volatile long renewedAt;
        /** Unknown until looked at, so true at first. */
        volatile boolean deadLetters = true;
        volatile long deadLettersLookedAt;
        /** Only the thread handling the segment's batches touches it. */
        ViewBatch batch;

        Claim(long renewedAt, long lookAtDeadLettersNanos) {
            this.renewedAt = renewedAt;
            this.deadLettersLookedAt = renewedAt - lookAtDeadLettersNanos;
        }
    }

    /** For claims that expire after {@code claimTimeout}, keeping at most {@code documents} entries a processor. */
    public KeptViews(Duration claimTimeout, int documents, Duration lookAtDeadLettersEvery) {
        this.freshNanos = claimTimeout.toNanos() / 2;
        this.documents = documents;
        this.lookAtDeadLettersNanos = lookAtDeadLettersEvery.toNanos();
    }

    /** This instance took {@code segment} of {@code processor}; it had asked at {@code askedAt} (nanoseconds). */
    public void claimed(String processor, Segment segment, long askedAt) {
        if (segment.getMask() == 0) {
            claims.put(processor, new Claim(askedAt, lookAtDeadLettersNanos));
        } else {
            claims.remove(processor);
        }
    }

    /**
     * This instance held the claim when it stored the token or extended the claim, asked at {@code askedAt}. A token
     * is stored also over a claim that had lapsed (and that another instance may have taken and given back
     * meanwhile): then what was kept is forgotten.
     */
    public void renewed(String processor, long askedAt) {
        Claim claim = claims.get(processor);
        if (claim == null) {
            return;
        }
        if (askedAt - claim.renewedAt >= freshNanos) {
            claims.replace(processor, claim, new Claim(askedAt, lookAtDeadLettersNanos));
        } else {
            claim.renewedAt = Math.max(claim.renewedAt, askedAt);
        }
    }

    /** A claim of the processor was given back or lost, or its segments changed: nothing kept is used again. */
    public void released(String processor) {
        claims.remove(processor);
    }

    /** The processor set an event aside (here, or in a retry on any instance). */
    public void setAside(String processor) {
        Claim claim = claims.get(processor);
        if (claim != null) {
            claim.deadLetters = true;
            claim.deadLettersLookedAt = System.nanoTime();
        }
    }

    /**
     * For every event processor: hands its batches the documents kept for it ({@code deadLetters} counts the events
     * it has set aside), and writes each batch once its last event has been handled ({@link ViewBatch#flushing()}).
     */
    public MessageHandlerInterceptor<EventMessage<?>> flushing(String processor, LongSupplier deadLetters) {
        MessageHandlerInterceptor<EventMessage<?>> flushing = ViewBatch.flushing();
        return (unitOfWork, chain) -> {
            if (!unitOfWork.resources().containsKey(ViewBatch.RESOURCE)) {
                boolean live = unitOfWork.resources().containsKey("Processor[" + processor + "]/SegmentId");
                ViewBatch kept = live ? kept(processor, deadLetters) : null;
                if (kept != null) {
                    start(unitOfWork, processor, kept);
                }
            }
            return flushing.handle(unitOfWork, chain);
        };
    }

    private ViewBatch kept(String processor, LongSupplier deadLetters) {
        Claim claim = claims.get(processor);
        if (documents == 0 || claim == null) {
            return null;
        }
        long now = System.nanoTime();
        if (now - claim.renewedAt >= freshNanos) {
            claim.batch = null;
            return null;
        }
        if (now - claim.deadLettersLookedAt >= lookAtDeadLettersNanos) {
            claim.deadLettersLookedAt = now;
            claim.deadLetters = deadLetters.getAsLong() > 0;
        }
        if (claim.deadLetters) {
            claim.batch = null;
            return null;
        }
        if (claim.batch == null) {
            claim.batch = ViewBatch.kept(documents);
        }
        return claim.batch;
    }

    private void start(UnitOfWork<?> unitOfWork, String processor, ViewBatch batch) {
        ViewBatch.attach(unitOfWork, batch);
        unitOfWork.onRollback(rolledBack -> {
            Claim claim = claims.get(processor);
            if (claim != null && claim.batch == batch) {
                claim.batch = null;
            }
        });
    }
}
