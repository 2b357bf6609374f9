package community.platform.query.views;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import community.platform.shared.personal.PersonalData;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scrubs a person's plain copies out of views once their key is erased. Events read after the erasure decrypt to
 * {@value PersonalData#ERASED} already, so a rebuild shows it by itself; what this changes is what views copied while
 * the key was there. Writing the value (not toggling it) makes handling an erasure twice change nothing.
 */
public final class Erased {

    private Erased() {
    }

    /**
     * In every document of {@code views} with an element of the list {@code list} whose {@code owner} is
     * {@code username}, sets {@code fields} of those elements to {@value PersonalData#ERASED}; the documents keep
     * their last sequence, as the record's own events did not change.
     */
    public static void inLists(MongoCollection<Document> views, String list, String owner, String username,
                               String... fields) {
        inLists(views, list, owner, username, element -> true, fields);
    }

    /** As above, for the elements of the owner's that {@code which} picks (one of a guardian's children, say). */
    public static void inLists(MongoCollection<Document> views, String list, String owner, String username,
                               Predicate<Map<?, ?>> which, String... fields) {
        ViewBatch batch = ViewBatch.current();
        List<Object> ids = Flux.from(views.find(Filters.eq(list + "." + owner, username))
                                          .projection(Projections.include("_id")))
                               .map(document -> document.get("_id"))
                               .collectList().block();
        for (Object id : ids) {
            Document document = batch.find(views, id);
            if (document != null && scrub(document.get(list), owner, username, which, fields)) {
                batch.replace(views, document);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean scrub(Object list, String owner, String username, Predicate<Map<?, ?>> which,
                                 String... fields) {
        boolean changed = false;
        if (!(list instanceof List<?> items)) {
            return false;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> element && username.equals(element.get(owner)) && which.test(element)) {
                for (String field : fields) {
                    Object value = element.get(field);
                    if (value != null && !PersonalData.ERASED.equals(value)) {
                        ((Map<String, Object>) element).put(field, PersonalData.ERASED);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }
}
