package community.platform.query.processing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Splits each processor's segments between the platform instances that share the store. A processor claims every
 * segment nobody holds, so the first instance to start would keep them all. Each instance therefore says it is alive
 * (a counter in {@code platformInstances} it raises every balance interval), counts the instances whose counter moved
 * within the last three intervals, and gives back the segments it holds beyond its share (the segment count divided by
 * the instances, rounded up), for another instance to claim. An instance that dies stops raising its counter, so the
 * others soon count it out and their shares grow; its claims expire after the claim timeout, and they claim its
 * segments.
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
    private long beat;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokens, MongoDatabase platformDatabase,
                           @Qualifier("platformInstanceId") String instance,
                           @Value("${platform.processing.claim-timeout:10s}") Duration claimTimeout,
                           @Value("${platform.processing.balance-interval:3s}") Duration interval) {
        this.processing = processing;
        this.tokens = tokens;
        this.instances = platformDatabase.getCollection(COLLECTION);
        this.instance = instance;
        this.claimTimeout = claimTimeout;
        this.liveFor = interval.multipliedBy(3);
    }

    @Scheduled(fixedDelayString = "${platform.processing.balance-interval:3s}")
    public synchronized void balance() {
        try {
            instances.replaceOne(Filters.eq("_id", instance), new Document("_id", instance).append("beat", ++beat),
                                 new ReplaceOptions().upsert(true));
            int live = liveInstances();
            processing.eventProcessors().values().stream()
                      .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                      .filter(StreamingEventProcessor::isRunning)
                      .filter(processor -> !ProcessingConfiguration.perInstance(processing, processor.getName()))
                      .forEach(processor -> giveBackSurplus(processor, live));
        } catch (RuntimeException e) {
            log.warn("Could not balance segments this time: {}", e.toString());
        }
    }

    private int liveInstances() {
        long now = System.nanoTime();
        int live = 1;
        for (Document other : instances.find(Filters.ne("_id", instance))) {
            long otherBeat = ((Number) other.get("beat")).longValue();
            long[] last = seen.computeIfAbsent(other.getString("_id"), id -> new long[]{otherBeat, now});
            if (last[0] != otherBeat) {
                last[0] = otherBeat;
                last[1] = now;
            }
            if (now - last[1] < liveFor.toNanos()) {
                live++;
            } else if (now - last[1] > liveFor.toNanos() * 100) {
                // Gone for good (each start is a new instance): forget it, so that the collection does not grow.
                instances.deleteOne(Filters.and(Filters.eq("_id", other.get("_id")), Filters.eq("beat", otherBeat)));
                seen.remove(other.getString("_id"));
            }
        }
        return live;
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
}
