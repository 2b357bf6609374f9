package community.platform.query.volunteering;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import community.platform.query.views.ViewBatch;
import community.platform.query.views.ViewCodec;
import community.platform.shared.volunteering.AttendanceRecordedEvent;
import community.platform.shared.volunteering.SignUpWithdrawnEvent;
import community.platform.shared.volunteering.TeamHours;
import community.platform.shared.volunteering.VolunteerPostEvent;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import community.platform.shared.volunteering.VolunteerPostRescheduledEvent;
import community.platform.shared.volunteering.VolunteerPromotedEvent;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The minutes volunteers were credited on posts, summed into cells: the ledgers of hours differ only in what a cell
 * is (an organizer's team and month, or the same within a neighbourhood). A cell gathers posts that other segments
 * (or instances) project, so each post writes only its own field of it, a value set, never an increment. What each
 * post contributes is kept beside, with the post's last sequence applied, so an event applied twice changes nothing.
 */
final class MinutesLedger {

    /** Months are the platform's, as its pages show times. */
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final MongoCollection<Document> cells;
    private final MongoCollection<Document> posts;
    private final Function<Post, String> cell;
    private final Function<Post, Bson> fields;

    /** {@code cell} names a post's cell; {@code fields} are what the cell says of itself. */
    MinutesLedger(MongoCollection<Document> cells, MongoCollection<Document> posts, Function<Post, String> cell,
                  Function<Post, Bson> fields) {
        this.cells = cells;
        this.posts = posts;
        this.cell = cell;
        this.fields = fields;
    }

    /** A post as the ledger sees it: whose cell it counts in, and each seated volunteer's recorded minutes. */
    record Post(@JsonProperty("_id") String postId, String organizer, String neighbourhoodId, String team,
                String month, Map<String, Long> minutes, long lastSequence) {

        static Post apply(Post before, VolunteerPostEvent event) {
            if (event instanceof VolunteerPostPublishedEvent published) {
                return new Post(published.postId(), published.organizer(), published.neighbourhoodId(),
                                published.team(), month(published.startsAt()), Map.of(), -1);
            }
            if (before == null) {
                return null;
            }
            Map<String, Long> minutes = new HashMap<>(before.minutes());
            String month = before.month();
            if (event instanceof AttendanceRecordedEvent attended) {
                minutes.put(attended.volunteer(), attended.minutes());
            } else if (event instanceof SignUpWithdrawnEvent withdrawn) {
                minutes.remove(withdrawn.volunteer());
            } else if (event instanceof VolunteerSignedUpEvent signedUp) {
                minutes.remove(signedUp.volunteer());
            } else if (event instanceof VolunteerPromotedEvent promoted) {
                minutes.remove(promoted.volunteer());
            } else if (event instanceof VolunteerPostRescheduledEvent moved) {
                month = month(moved.startsAt());
            }
            return new Post(before.postId(), before.organizer(), before.neighbourhoodId(), before.team(), month,
                            minutes, before.lastSequence());
        }

        Post at(long sequence) {
            return new Post(postId, organizer, neighbourhoodId, team, month, minutes, sequence);
        }

        long total() {
            return minutes.values().stream().mapToLong(Long::longValue).sum();
        }

        Document toDocument() {
            return ViewCodec.toDocument(this);
        }

        static Post from(Document stored) {
            return ViewCodec.fromDocument(stored, Post.class);
        }

        private static String month(Instant startsAt) {
            return YearMonth.from(startsAt.atZone(BEIJING)).toString();
        }
    }

    void on(VolunteerPostEvent event, long sequence) {
        ViewBatch batch = ViewBatch.current();
        Post before = batch.find(posts, event.postId(), Post::from);
        if (before != null && before.lastSequence() >= sequence) {
            return;
        }
        Post after = Post.apply(before, event);
        if (after == null) {
            return;
        }
        boolean moved = before != null && !cell.apply(before).equals(cell.apply(after));
        if (moved) {
            batch.update(cells, cell.apply(before), Updates.unset("posts." + after.postId()), false);
        }
        if (moved || before == null || before.total() != after.total()) {
            credit(batch, after);
        }
        batch.replace(posts, after.postId(), after.at(sequence), Post::toDocument);
    }

    /** Sets the post's minutes in its cell; a post without minutes takes no room in it. */
    private void credit(ViewBatch batch, Post post) {
        if (post.total() == 0) {
            batch.update(cells, cell.apply(post), Updates.unset("posts." + post.postId()), false);
            return;
        }
        batch.update(cells, cell.apply(post), Updates.combine(fields.apply(post),
                                                              Updates.set("posts." + post.postId(), post.total())),
                     true);
    }

    void reset() {
        Mono.from(cells.deleteMany(new Document())).block();
        Mono.from(posts.deleteMany(new Document())).block();
    }

    /** The minutes of a cell: its posts' together. */
    static long minutes(Document cell) {
        return cell.get("posts", new Document()).values().stream().mapToLong(given -> ((Number) given).longValue())
                   .sum();
    }

    /** Cells as a table: a row per team, a column per month that has minutes. */
    static TeamHours table(List<Document> found) {
        SortedMap<String, Map<String, Long>> byTeam = new TreeMap<>();
        TreeSet<String> months = new TreeSet<>();
        for (Document cell : found) {
            long minutes = minutes(cell);
            if (minutes > 0) {
                months.add(cell.getString("month"));
                byTeam.computeIfAbsent(cell.getString("team"), team -> new HashMap<>())
                      .merge(cell.getString("month"), minutes, Long::sum);
            }
        }
        List<TeamHours.Team> teams = byTeam.entrySet().stream().map(team -> {
            List<Long> perMonth = months.stream().map(month -> team.getValue().getOrDefault(month, 0L)).toList();
            return new TeamHours.Team(team.getKey(), perMonth, perMonth.stream().mapToLong(Long::longValue).sum());
        }).toList();
        return new TeamHours(List.copyOf(months), teams);
    }
}
