package community.platform.command.eventstore;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A stream is named by its aggregate type and its aggregate id together, so no id chosen by a user (a username, a venue
 * name) can name another type's stream: the username {@code schedule-alice} is the stream
 * {@code Account:schedule-alice}, alice's schedule is {@code VolunteerSchedule:schedule-alice}.
 * <p>
 * A commit's {@code _id} is {@code <type>:<id>#<firstSequence>}. Type names are Java names, with no ':', so the part
 * before the first ':' is the type and the mapping is one to one. Stores written before types were part of the name
 * keep their commits under {@code <id>#<firstSequence>}; a stream read then asks for both forms in the same query and
 * keeps only commits of its own type. No id of those stores starts with a type name and ':' (usernames have no ':', the
 * other ids start with a lower-case prefix), so the two forms never meet.
 */
record StreamId(String type, String id) {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    StreamId {
        if (type != null && !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("An aggregate type must be a Java name, not '" + type + "'");
        }
    }

    /** The stream's name in commit ids; events published without an aggregate keep their own id. */
    String key() {
        return type == null ? id : type + ":" + id;
    }

    String commitId(long firstSequence) {
        return key() + "#" + firstSequence;
    }

    /** The commit ids that could start a commit in {@code [from, from + count)}, in both forms when asked. */
    List<String> commitIds(long from, int count, boolean legacyToo) {
        List<String> ids = new ArrayList<>(legacyToo ? 2 * count : count);
        for (long s = from; s < from + count; s++) {
            ids.add(commitId(s));
            if (legacyToo && type != null) {
                ids.add(id + "#" + s);
            }
        }
        return ids;
    }

    /** Whether a stored commit belongs to this stream: the id form alone does not say so for old commits. */
    boolean owns(Document commit) {
        return id.equals(commit.getString("aggregateIdentifier"))
                && (type == null || type.equals(commit.getString("aggregateType")));
    }

    static StreamId of(Document commit) {
        return new StreamId(commit.getString("aggregateType"), commit.getString("aggregateIdentifier"));
    }

    @Override
    public String toString() {
        return key();
    }
}
