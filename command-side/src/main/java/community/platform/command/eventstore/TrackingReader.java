package community.platform.command.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Reading the global log in position order for tracking processors, with Axon's {@link GapAwareTrackingToken}, so that
 * a commit that lands after later positions were read is still delivered.
 * <p>
 * A reader that has waited {@code gapTimeout} for a position writes a void marker there before it gives up, and a
 * writer whose insert then collides on its position takes new positions and inserts again ({@link CommitWriter}). So a
 * position is given up only when no commit can land there any more, and no acknowledged commit is ever skipped.
 * <p>
 * A tracking read asks for {@code lastPosition $in [gaps, index+1..index+batch]}, served by the unique index.
 */
final class TrackingReader {

    private static final String GAP_MARKER = "gap:";
    private static final Logger log = LoggerFactory.getLogger(TrackingReader.class);

    private final CommitLog commitLog;
    private final int batchSize;
    private final int maxGapOffset;
    private final Duration gapTimeout;
    private final Clock clock;
    private final Map<Long, Instant> gapFirstSeen = new ConcurrentHashMap<>();
    private final AtomicLong givenUpPositions = new AtomicLong();

    TrackingReader(CommitLog commitLog, int batchSize, int maxGapOffset, Duration gapTimeout, Clock clock) {
        this.commitLog = commitLog;
        this.batchSize = batchSize;
        this.maxGapOffset = maxGapOffset;
        this.gapTimeout = gapTimeout;
        this.clock = clock;
    }

    /** Positions given up on after waiting for them (each a void marker this reader wrote). */
    long givenUpPositions() {
        return givenUpPositions.get();
    }

    /** Every event after {@code token}, read a batch at a time as the stream is consumed. */
    Stream<TrackedEventData<?>> read(TrackingToken token) {
        return Batches.stream(new Batches.Source<GapAwareTrackingToken, TrackedEventData<?>>() {
            @Override
            public List<TrackedEventData<?>> fetch(GapAwareTrackingToken token) {
                return TrackingReader.this.fetch(token);
            }

            @Override
            public GapAwareTrackingToken next(GapAwareTrackingToken previous, List<TrackedEventData<?>> batch) {
                return (GapAwareTrackingToken) batch.get(batch.size() - 1).trackingToken();
            }
        }, asGapAware(token));
    }

    /**
     * The next events after {@code token}: the commits whose last position lies in the token's open gaps or in the
     * next {@code batchSize} positions, each event with the token that includes it. Gaps waited for long enough are
     * voided first ({@link #giveUp}), then read like the others, so a commit that landed at the last moment is still
     * delivered. When a window holds no events but positions beyond it were handed out (a run of failed or unfinished
     * commits longer than a window), the following windows are searched up to the head.
     */
    List<TrackedEventData<?>> fetch(GapAwareTrackingToken token) {
        GapAwareTrackingToken current = token;
        giveUp(overdueGaps(token));
        List<Document> found = new ArrayList<>();
        Set<Long> positions = new HashSet<>(current.getGaps());
        for (long from = current.getIndex() + 1; ; from += batchSize) {
            LongStream.range(from, from + batchSize).forEach(positions::add);
            found.addAll(commitLog.commitsEndingAt(positions));
            positions.clear();
            if (found.stream().anyMatch(commit -> !CommitLog.eventsOf(commit).isEmpty())) {
                break;
            }
            if (from + batchSize >= commitLog.headPosition()) {
                return List.of();
            }
        }
        found.sort(Comparator.comparingLong(c -> c.getLong("lastPosition")));
        List<TrackedEventData<?>> result = new ArrayList<>();
        Set<Long> voided = settledVoids(found, current.getGaps());
        for (Document commit : found) {
            List<Document> events = CommitLog.eventsOf(commit);
            long firstPosition = commit.getLong("firstPosition");
            if (events.isEmpty()) {
                continue;
            }
            for (int i = 0; i < events.size(); i++) {
                long position = firstPosition + i;
                if (position <= current.getIndex() && !current.getGaps().contains(position)) {
                    continue;
                }
                current = current.advanceTo(position, maxGapOffset);
                if (!voided.isEmpty()) {
                    current = withoutGaps(current, voided);
                }
                gapFirstSeen.remove(position);
                result.add(new TrackedDomainEventData<>(current, CommitLog.entry(commit, events.get(i))));
            }
        }
        Instant now = clock.instant();
        current.getGaps().forEach(gap -> gapFirstSeen.putIfAbsent(gap, now));
        return result;
    }

    /**
     * The void positions among {@code found} that no commit can land on any more, so the token may stop waiting for
     * them. A writer's void marker ends at its own commit's last position, which the unique index then blocks. A
     * reader's marker blocks only a commit that ends at its position: one that a commit on its way spans (that commit
     * ends later) may still be filled. So a reader-marked gap counts only when every gap from it to the end of its run
     * of consecutive gaps is marked too: whatever commit spans it ends inside that run, at a marked position.
     */
    private static Set<Long> settledVoids(List<Document> found, Collection<Long> gaps) {
        Set<Long> voided = new HashSet<>();
        Set<Long> markedByReaders = new HashSet<>();
        for (Document marker : found) {
            if (CommitLog.eventsOf(marker).isEmpty()) {
                Set<Long> into = marker.getString("_id").startsWith(GAP_MARKER) ? markedByReaders : voided;
                LongStream.rangeClosed(marker.getLong("firstPosition"), marker.getLong("lastPosition"))
                          .forEach(into::add);
            }
        }
        Set<Long> open = new HashSet<>(gaps);
        for (long marked : markedByReaders) {
            long end = marked;
            while (open.contains(end + 1) && (voided.contains(end + 1) || markedByReaders.contains(end + 1))) {
                end++;
            }
            if (!open.contains(end + 1)) {
                voided.add(marked);
            }
        }
        return voided;
    }

    /**
     * The gaps to stop waiting for: those seen open for {@code gapTimeout}, and those more than half the token's reach
     * behind its index, which the token would otherwise drop without a word.
     */
    private Set<Long> overdueGaps(GapAwareTrackingToken token) {
        if (token.getGaps().isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Set<Long> overdue = new HashSet<>();
        for (Long gap : token.getGaps()) {
            Instant firstSeen = gapFirstSeen.computeIfAbsent(gap, g -> now);
            if (!firstSeen.plus(gapTimeout).isAfter(now) || gap < token.getIndex() - maxGapOffset / 2) {
                overdue.add(gap);
            }
        }
        if (gapFirstSeen.size() > 10 * maxGapOffset) {
            Instant forgetBefore = now.minus(gapTimeout.multipliedBy(2));
            gapFirstSeen.values().removeIf(seen -> seen.isBefore(forgetBefore));
        }
        return overdue;
    }

    /**
     * Writes a void marker at each position given up. The unique index on {@code lastPosition} decides against a
     * commit landing there at the same moment: if the commit won, the marker fails and the commit is read; if the
     * marker won, the commit's writer takes new positions. Either way nothing is lost, and each position given up is
     * logged and counted.
     */
    private void giveUp(Set<Long> gaps) {
        for (long gap : gaps) {
            if (commitLog.insertMarker(new Document("_id", GAP_MARKER + gap).append("firstPosition", gap)
                                                                       .append("lastPosition", gap)
                                                                       .append("events", List.of())
                                                                       .append("givenUpAt", clock.millis()))) {
                givenUpPositions.incrementAndGet();
                log.warn("Global position {} stayed empty for {}; it is given up and marked void. A writer that"
                         + " still holds it will take new positions.", gap, gapTimeout);
            }
        }
    }

    private static GapAwareTrackingToken withoutGaps(GapAwareTrackingToken token, Set<Long> removed) {
        List<Long> gaps = token.getGaps().stream().filter(g -> !removed.contains(g)).toList();
        return GapAwareTrackingToken.newInstance(token.getIndex(), gaps);
    }

    /** A null token means "from the start", which is index -1 with no gaps. */
    private static GapAwareTrackingToken asGapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(-1, List.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("Tokens of this event store are GapAwareTrackingTokens, not " + token);
    }

    /**
     * A token at the last event near the head, whose gaps are the positions before it not yet written, so a processor
     * that starts here still gets the commits on their way, and a processor's lag (this token's position minus its own)
     * counts events only: void markers after the last event hold none.
     */
    TrackingToken headToken() {
        long head = commitLog.headPosition();
        long windowStart = Math.max(0, head - 4L * batchSize);
        List<Long> window = LongStream.range(windowStart, head).boxed().toList();
        Set<Long> written = new HashSet<>();
        long lastEvent = windowStart - 1;
        for (Document commit : commitLog.commitsEndingAt(window)) {
            LongStream.rangeClosed(commit.getLong("firstPosition"), commit.getLong("lastPosition"))
                      .forEach(written::add);
            if (!CommitLog.eventsOf(commit).isEmpty()) {
                lastEvent = Math.max(lastEvent, commit.getLong("lastPosition"));
            }
        }
        long index = lastEvent;
        return index < 0 ? null : GapAwareTrackingToken.newInstance(
                index, window.stream().filter(p -> p < index && !written.contains(p)).toList());
    }
}
