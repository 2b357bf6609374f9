package community.platform.command.neighbourhoods;

import community.platform.command.eventstore.EventSerialization;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.festival.FestivalEventScheduledEvent;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import community.platform.shared.volunteering.VolunteerPostPublishedEvent;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A post, an event and a course stored before there were neighbourhoods read as in the default neighbourhood. */
class RecordsBeforeNeighbourhoodsTest {

    private final Serializer serializer = EventSerialization.serializer();

    private <T> T read(String json, Class<T> type) {
        return serializer.deserialize(new SimpleSerializedObject<>(json, String.class, type.getName(), "1"));
    }

    @Test
    void theOldFormsNameTheDefaultNeighbourhood() {
        VolunteerPostPublishedEvent post = read("""
                {"postId":"post-1","organizer":"zhang","title":"Duty","description":null,"team":"health",\
                "location":"Square","startsAt":"2026-01-05T01:00:00Z","endsAt":"2026-01-05T03:00:00Z",\
                "capacity":5,"signupDeadline":null,"skills":[]}""", VolunteerPostPublishedEvent.class);
        FestivalEventScheduledEvent event = read("""
                {"eventId":"fe-1","organizer":"zhang","title":"Couplets","kind":"WORKSHOP","venue":"Hall",\
                "startsAt":"2026-01-05T01:00:00Z","endsAt":"2026-01-05T03:00:00Z","capacity":30,\
                "description":null}""", FestivalEventScheduledEvent.class);
        CourseCreatedEvent course = read("""
                {"courseId":"course-1","organizer":"zhang","title":"Paper cutting","description":null,\
                "instructor":"Wu","minGrade":1,"maxGrade":6,"capacity":20,"sessions":[]}""", CourseCreatedEvent.class);

        assertThat(post.neighbourhoodId()).isEqualTo(Neighbourhoods.DEFAULT);
        assertThat(post.title()).isEqualTo("Duty");
        assertThat(event.neighbourhoodId()).isEqualTo(Neighbourhoods.DEFAULT);
        assertThat(course.neighbourhoodId()).isEqualTo(Neighbourhoods.DEFAULT);
    }

    @Test
    void aNewFormKeepsItsNeighbourhood() {
        assertThat(read("""
                {"courseId":"course-1","organizer":"zhang","title":"Paper cutting","description":null,\
                "instructor":"Wu","minGrade":1,"maxGrade":6,"capacity":20,"sessions":[],\
                "neighbourhoodId":"nb-0123456789abcdef"}""", CourseCreatedEvent.class).neighbourhoodId())
                .isEqualTo("nb-0123456789abcdef");
    }
}
