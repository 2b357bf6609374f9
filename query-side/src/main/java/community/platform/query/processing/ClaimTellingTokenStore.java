package community.platform.query.processing;

import community.platform.query.views.KeptViews;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;

/**
 * The Axon Mongo extension's token store, telling {@link KeptViews} when this instance takes, keeps, gives back or
 * loses a processor's claim, so that a processor keeps view documents between batches only while no one else can
 * write them.
 */
class ClaimTellingTokenStore extends MongoTokenStore {

    private final KeptViews kept;

    ClaimTellingTokenStore(Builder builder, KeptViews kept) {
        super(builder);
        this.kept = kept;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        long asked = System.nanoTime();
        TrackingToken token = super.fetchToken(processorName, segment);
        kept.claimed(processorName, segment, asked);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        kept.released(processorName);
        return super.fetchToken(processorName, segment);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        renewing(processorName, () -> super.storeToken(token, processorName, segment));
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        renewing(processorName, () -> super.extendClaim(processorName, segment));
    }

    /** Runs a call that succeeds only if this instance holds the claim or may take it, and says what it showed. */
    private void renewing(String processorName, Runnable call) {
        long asked = System.nanoTime();
        try {
            call.run();
        } catch (RuntimeException e) {
            kept.released(processorName);
            throw e;
        }
        kept.renewed(processorName, asked);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        kept.released(processorName);
        super.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        kept.released(processorName);
        super.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        kept.released(processorName);
        super.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        kept.released(processorName);
        super.deleteToken(processorName, segment);
    }
}
