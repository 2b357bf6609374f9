package community.platform.query.processing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Splits each processor's segments between the platform instances that share the store. A processor claims every
 * segment nobody holds, so the first instance to start would keep them all. Each instance therefore says it is alive
 * (a counter in {@code platformInstances} it raises every balance interval), counts the instances whose counter it has
 * seen move within the last three intervals, and gives back the segments it holds beyond its share (the segment count
 * divided by the instances, rounded up), for another instance to claim. A counter is counted only once it has been
 * seen to move, so the entry of an instance that is gone never takes a share from a starting one. An instance that
 * stops cleanly releases its claims (Axon does, as its processors stop) and removes its entry; one that dies stops
 * raising its counter, so the others soon count it out and their shares grow; its claims expire after the claim
 * timeout, and they claim its segments. (An instance on an embedded store keeps its id across restarts, so after a
 * {@code kill -9} its next start finds the claims and the entry as its own: see {@code platformInstanceId}.)
 * <p>
 * A rebuild's switch-over needs one processor held still on every instance: the rebuilding instance {@link #hold holds}
 * it by claiming all its segments in the token store, after naming it in its counter's document; every other instance
 * gives back that processor's segments while a live instance names it. The claims are what keep the other instances
 * out; the name only makes them let go. An instance that dies holding stops being counted live, and its claims expire
 * after the claim timeout, so the others then claim the segments and go on from the tokens as they were.
 * <p>
 * Liveness is judged by this instance's own clock (when it last saw a counter move), so clocks that differ between
 * machines do not matter here.
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    static final String COLLECTION = "platformInstances";

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final MongoCollection<Document> instances;
    private final String instance;
    private final Duration claimTimeout;
    private final Duration liveFor;
    /** Each other instance's counter as last read, and when (by this instance's clock, in nanoseconds) it moved. */
    private final Map<String, long[]> seen = new HashMap<>();
    /** Processors this instance holds for a rebuild's switch-over. */
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    /** The other instances counted live at the last balance. */
    private volatile Set<String> liveOthers = Set.of();
    private final MongoCollection<Document> claims;
    private long beat;
    private boolean left;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokens, MongoDatabase platformDatabase,
                           MongoTemplate axonMongoTemplate, @Qualifier("platformInstanceId") String instance,
                           @Value("${platform.processing.claim-timeout:10s}") Duration claimTimeout,
                           @Value("${platform.processing.balance-interval:3s}") Duration interval) {
        this.processing = processing;
        this.tokens = tokens;
        this.instances = platformDatabase.getCollection(COLLECTION);
        this.claims = axonMongoTemplate.trackingTokensCollection();
        this.instance = instance;
        this.claimTimeout = claimTimeout;
        this.liveFor = interval.multipliedBy(3);
    }

    @Scheduled(fixedDelayString = "${platform.processing.balance-interval:3s}")
    public synchronized void balance() {
        if (left) {
            return;
        }
        try {
            instances.replaceOne(Filters.eq("_id", instance),
                                 new Document("_id", instance).append("beat", ++beat)
                                                              .append("holding", List.copyOf(holding)),
                                 new ReplaceOptions().upsert(true));
            Set<String> heldElsewhere = new HashSet<>();
            int live = liveInstances(heldElsewhere);
            processing.eventProcessors().values().stream()
                      .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                      .filter(StreamingEventProcessor::isRunning)
                      .filter(processor -> !ProcessingConfiguration.perInstance(processing, processor.getName()))
                      .forEach(processor -> {
                          if (heldElsewhere.contains(processor.getName())) {
                              leaveToHolder(processor);
                          } else {
                              giveBackSurplus(processor, live);
                          }
                      });
        } catch (RuntimeException e) {
            log.warn("Could not balance segments this time: {}", e.toString());
        }
    }

    /**
     * Removes this instance's entry once its processors have stopped (and released their claims), so that the next
     * start, of this instance or another, counts it no more.
     */
    @PreDestroy
    public synchronized void leave() {
        left = true;
        try {
            instances.deleteOne(Filters.eq("_id", instance));
        } catch (RuntimeException e) {
            log.warn("Could not remove this instance from {}; the others count it out soon: {}", COLLECTION,
                     e.toString());
        }
    }

    /**
     * The segments of {@code processor} whose claim another instance, counted live, holds: that instance processes
     * them (or builds their views on its {@link StartUpFastPath start-up fast path}), and this one need not. A claim
     * left by an instance that is gone is not counted, nor one of this instance's id that its processor has not taken
     * up (left by the process before it). One read for all the segments.
     */
    public Set<Integer> heldElsewhere(String processor) {
        Set<Integer> segments = new HashSet<>();
        for (Document claim : claims.find(Filters.eq("processorName", processor))) {
            String owner = claim.getString("owner");
            if (owner != null && owner.endsWith(StartUpFastPath.OWNER_SUFFIX)) {
                owner = owner.substring(0, owner.length() - StartUpFastPath.OWNER_SUFFIX.length());
            }
            if (owner != null && !owner.equals(instance) && liveOthers.contains(owner)) {
                segments.add(claim.getInteger("segment"));
            }
        }
        return segments;
    }

    /**
     * Counts the live instances, this one included, and adds the processors they hold to {@code held}. An entry first
     * seen counts once its counter moves: it may be that of an instance gone without removing it.
     */
    private int liveInstances(Set<String> held) {
        long now = System.nanoTime();
        Set<String> live = new HashSet<>();
        for (Document other : instances.find(Filters.ne("_id", instance))) {
            long otherBeat = ((Number) other.get("beat")).longValue();
            long[] last = seen.computeIfAbsent(other.getString("_id"),
                                               id -> new long[]{otherBeat, now - liveFor.toNanos()});
            if (last[0] != otherBeat) {
                last[0] = otherBeat;
                last[1] = now;
            }
            if (now - last[1] < liveFor.toNanos()) {
                live.add(other.getString("_id"));
                held.addAll(other.getList("holding", String.class, List.of()));
            } else if (now - last[1] > liveFor.toNanos() * 100) {
                // Gone for good without removing its entry: forget it, so that the collection does not grow.
                instances.deleteOne(Filters.and(Filters.eq("_id", other.get("_id")), Filters.eq("beat", otherBeat)));
                seen.remove(other.getString("_id"));
            }
        }
        liveOthers = Set.copyOf(live);
        return live.size() + 1;
    }

    private void giveBackSurplus(StreamingEventProcessor processor, int live) {
        int segments = tokens.fetchSegments(processor.getName()).length;
        int share = (segments + live - 1) / live;
        List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
        for (int segment : held.subList(Math.min(share, held.size()), held.size())) {
            log.info("{}: giving back segment {} ({} instances, a share of {} of {} segments)", processor.getName(),
                     segment, live, share, segments);
            processor.releaseSegment(segment, claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Gives back every segment of a processor another instance holds, and keeps from claiming any until the next
     * balance (also those not held here, which the holder may not have claimed yet).
     */
    private void leaveToHolder(StreamingEventProcessor processor) {
        for (int segment : tokens.fetchSegments(processor.getName())) {
            if (processor.processingStatus().containsKey(segment)) {
                log.info("{}: giving back segment {} to a rebuild on another instance", processor.getName(), segment);
            }
            processor.releaseSegment(segment, liveFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Claims every segment of {@code processor} for this instance, once the other instances have been told to give
     * them back. The local processor must be stopped first: its claims are this instance's too. Segments are claimed
     * in order, so that of two instances trying at once the one without segment 0 holds nothing while it waits. Gives
     * up after twice the claim timeout and three balance intervals, time enough for the claims of a dead instance to
     * expire.
     */
    Hold hold(String processor) throws InterruptedException {
        holding.add(processor);
        balance();
        Hold hold = new Hold(processor);
        try {
            hold.claimAll(claimTimeout.multipliedBy(2).plus(liveFor));
        } catch (RuntimeException | InterruptedException e) {
            hold.close();
            throw e;
        }
        return hold;
    }

    /** Every segment of one processor, claimed by this instance until closed. */
    final class Hold implements AutoCloseable {

        private final String processor;
        private final List<Integer> held = new ArrayList<>();
        private long renewed = System.nanoTime();

        private Hold(String processor) {
            this.processor = processor;
        }

        private void claimAll(Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            int[] segments = tokens.fetchSegments(processor);
            for (int segment : segments) {
                while (!claim(segment)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Could not hold every segment of " + processor
                                                                + ": segment " + segment + " stays claimed elsewhere");
                    }
                    keep();
                    Thread.sleep(100);
                }
            }
            if (!Arrays.equals(segments, tokens.fetchSegments(processor))) {
                throw new IllegalStateException("The segments of " + processor + " changed while they were claimed");
            }
        }

        private boolean claim(int segment) {
            try {
                tokens.fetchToken(processor, segment);
                held.add(segment);
                return true;
            } catch (UnableToClaimTokenException e) {
                return false;
            }
        }

        /**
         * Renews the claims when a third of the claim timeout has passed since they were last renewed; throws if one
         * was lost. Called between the writes of the switch-over, so that the writes stop when the renewals do.
         */
        void keep() {
            if (System.nanoTime() - renewed < claimTimeout.toNanos() / 3) {
                return;
            }
            for (int segment : held) {
                tokens.extendClaim(processor, segment);
            }
            renewed = System.nanoTime();
        }

        @Override
        public void close() {
            for (int segment : held) {
                tokens.releaseClaim(processor, segment);
            }
            holding.remove(processor);
            balance();
        }
    }
}
