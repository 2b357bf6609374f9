package community.platform.query.notices;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.reactivestreams.client.MongoCollection;
import community.platform.query.views.ViewBatch;
import community.platform.query.views.ViewCodec;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The people holding a place on one record, as the notices know them ({@value NoticeProjection#MEMBERS}): the
 * record's title, its members, and the last of its events applied.
 */
record Members(@JsonProperty("_id") String recordId, String title, @JsonProperty("members") List<String> holders,
               long lastSequence) {

    /** As the batch has them; a record not seen yet has nobody and no title. */
    static Members find(MongoCollection<Document> members, String recordId) {
        Document stored = ViewBatch.current().find(members, recordId);
        return stored == null ? new Members(recordId, null, List.of(), -1)
                : ViewCodec.fromDocument(stored, Members.class);
    }

    /** Whether the event at {@code sequence} is in already: applying it again changes nothing, and tells nobody. */
    boolean applied(long sequence) {
        return lastSequence >= sequence;
    }

    Members after(Change change, long sequence) {
        List<String> after = new ArrayList<>(holders);
        if (change.joined() != null) {
            after.add(change.joined());
        }
        if (change.left() != null) {
            after.remove(change.left());
        }
        return new Members(recordId, change.title() != null ? change.title() : title, after, sequence);
    }

    /** Who the change tells: everyone holding a place, or only those it names. */
    List<String> told(Change change) {
        return change.recipients(holders);
    }

    Document toDocument() {
        return ViewCodec.toDocument(this);
    }
}
