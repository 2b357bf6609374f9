package community.platform.query.processing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One rebuild of a projection at a time, across every instance that shares the store. A rebuild's scratch collections
 * have the same names on every instance, so a second rebuild of the projection would drop them under the first; the
 * lease is taken before anything touches them, and a second caller is refused.
 * <p>
 * A lease is a document in {@code rebuildLeases} whose {@code _id} is the processor's name (inserted, so that of two
 * callers only one gets it), with the instance that holds it and when it expires. The holder renews it every third of
 * the lease time; an instance that dies (even with {@code kill -9}) stops renewing, and once the lease has expired the
 * next rebuild deletes it and takes its own. Expiry is judged by the wall clocks of the instances, which must not
 * differ by more than a fraction of the lease time. The holder stops writing to the scratch collections once its last
 * renewal is older than half the lease time ({@link Lease#keep}), before any other instance may take the lease.
 */
@Component
public class RebuildLeases {

    private static final Logger log = LoggerFactory.getLogger(RebuildLeases.class);
    static final String COLLECTION = "rebuildLeases";

    private final MongoCollection<Document> leases;
    private final String instance;
    private final Duration leaseTime;

    public RebuildLeases(MongoDatabase platformDatabase, @Qualifier("platformInstanceId") String instance,
                         @Value("${platform.processing.rebuild-lease:60s}") Duration leaseTime) {
        this.leases = platformDatabase.getCollection(COLLECTION);
        this.instance = instance;
        this.leaseTime = leaseTime;
    }

    /** The lease on rebuilding {@code processor}, renewed until closed; null while another rebuild holds it. */
    public Lease take(String processor) {
        long sent = System.nanoTime();
        Date now = new Date();
        leases.deleteOne(Filters.and(Filters.eq("_id", processor), Filters.lt("expires", now)));
        String id = UUID.randomUUID().toString();
        try {
            leases.insertOne(new Document("_id", processor).append("instance", instance).append("lease", id)
                                                           .append("expires", expiry(now)));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            throw e;
        }
        return new Lease(processor, id, sent);
    }

    private Date expiry(Date now) {
        return new Date(now.getTime() + leaseTime.toMillis());
    }

    /** A rebuild's lease; {@link #close} lets it go. */
    public final class Lease implements AutoCloseable {

        private final String processor;
        private final String id;
        /** When (System.nanoTime) the last renewal that found the lease still ours was sent. */
        private volatile long renewed;
        private final Disposable renewal;

        private Lease(String processor, String id, long taken) {
            this.processor = processor;
            this.id = id;
            this.renewed = taken;
            long every = leaseTime.toMillis() / 3;
            this.renewal = Schedulers.boundedElastic().schedulePeriodically(this::renew, every, every,
                                                                           TimeUnit.MILLISECONDS);
        }

        private void renew() {
            long sent = System.nanoTime();
            try {
                if (leases.updateOne(Filters.and(Filters.eq("_id", processor), Filters.eq("lease", id)),
                                     Updates.set("expires", expiry(new Date()))).getMatchedCount() == 1) {
                    renewed = sent;
                } else {
                    log.warn("The rebuild lease on {} is no longer this instance's", processor);
                }
            } catch (RuntimeException e) {
                log.warn("Could not renew the rebuild lease on {}: {}", processor, e.toString());
            }
        }

        /** Whether the lease is surely still this instance's: renewed within half the lease time. */
        public boolean held() {
            return System.nanoTime() - renewed < leaseTime.toNanos() / 2;
        }

        /** Throws unless the lease is surely still held; called before each write to the scratch collections. */
        public void keep() {
            if (!held()) {
                throw new IllegalStateException("The rebuild lease on " + processor + " was not renewed in time");
            }
        }

        @Override
        public void close() {
            renewal.dispose();
            try {
                leases.deleteOne(Filters.and(Filters.eq("_id", processor), Filters.eq("lease", id)));
            } catch (RuntimeException e) {
                log.warn("Could not let the rebuild lease on {} go; it expires by itself: {}", processor,
                         e.toString());
            }
        }
    }
}
