package community.platform.query.notices;

import java.util.List;
import java.util.Map;

/**
 * What one event of a record (a volunteer post, a festival event, a course) means for its notices: the record's title
 * when it is first named, who joins or leaves the people holding a place on it, and what they, or only some of them,
 * are told.
 */
record Change(String title, String joined, String left, List<String> toldOnly, Told told) {

    /** A notice's content: in English, and as a kind with named arguments for pages in other languages. */
    record Told(String subject, String body, String kind, Map<String, String> args) {
    }

    static Change named(String title) {
        return new Change(title, null, null, null, null);
    }

    static Change joins(String member) {
        return new Change(null, member, null, null, null);
    }

    static Change leaves(String member) {
        return new Change(null, null, member, null, null);
    }

    /** Everyone holding a place is told. */
    static Change tellAll(Told told) {
        return new Change(null, null, null, null, told);
    }

    static Change tell(String whom, Told told) {
        return new Change(null, null, null, List.of(whom), told);
    }

    static Change none() {
        return new Change(null, null, null, null, null);
    }

    /** Who is told, given who holds a place. */
    List<String> recipients(List<String> members) {
        return told == null ? List.of() : toldOnly == null ? members : toldOnly;
    }
}
