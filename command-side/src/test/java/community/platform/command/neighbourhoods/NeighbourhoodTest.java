package community.platform.command.neighbourhoods;

import community.platform.shared.neighbourhoods.AppointOrganizerCommand;
import community.platform.shared.neighbourhoods.CreateNeighbourhoodCommand;
import community.platform.shared.neighbourhoods.NeighbourhoodCreatedEvent;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import community.platform.shared.neighbourhoods.OrganizerAppointedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sub-district's neighbourhood committees: made once by name, with organizers appointed there. */
class NeighbourhoodTest {

    private static final String DONGHU = Neighbourhoods.idOf("东湖社区");
    private static final NeighbourhoodCreatedEvent CREATED = new NeighbourhoodCreatedEvent(
            DONGHU, "东湖社区", List.of("东湖小区", "翠园"));

    private AggregateTestFixture<Neighbourhood> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Neighbourhood.class);
    }

    @Test
    void aNeighbourhoodIsMadeWithItsAreasTrimmedAndOnce() {
        fixture.givenNoPriorActivity()
               .when(new CreateNeighbourhoodCommand(DONGHU, " 东湖社区 ", List.of("东湖小区 ", "翠园", "东湖小区")))
               .expectEvents(CREATED);
    }

    @Test
    void theSameNameInAnotherSpellingIsTheSameNeighbourhood() {
        assertThat(Neighbourhoods.idOf("  东湖社区")).isEqualTo(DONGHU);
        assertThat(Neighbourhoods.idOf("Donghu  Community")).isEqualTo(Neighbourhoods.idOf("donghu community"));
        assertThat(Neighbourhoods.idOf("西湖社区")).isNotEqualTo(DONGHU);
    }

    @Test
    void anOrganizerIsAppointedOnceAndThenMayActThere() {
        fixture.given(CREATED)
               .when(new AppointOrganizerCommand(DONGHU, "wang"))
               .expectEvents(new OrganizerAppointedEvent(DONGHU, "wang"))
               .expectState(neighbourhood -> {
                   assertThat(neighbourhood.appointed("wang")).isTrue();
                   assertThat(neighbourhood.appointed("zhao")).isFalse();
               });
        fixture.given(CREATED, new OrganizerAppointedEvent(DONGHU, "wang"))
               .when(new AppointOrganizerCommand(DONGHU, "wang"))
               .expectNoEvents();
    }
}
