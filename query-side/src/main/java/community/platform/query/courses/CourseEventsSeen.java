package community.platform.query.courses;

import community.platform.query.processing.PerInstance;
import community.platform.query.views.ReadCaches;
import community.platform.shared.courses.CourseEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** Tells this instance's read caches of the courses of every course event, whichever instance projects it. */
@Component
@PerInstance
@ProcessingGroup(ReadCaches.GROUP)
class CourseEventsSeen {

    private final CourseProjection courses;
    private final CourseCatalogueProjection catalogue;

    CourseEventsSeen(CourseProjection courses, CourseCatalogueProjection catalogue) {
        this.courses = courses;
        this.catalogue = catalogue;
    }

    @EventHandler
    @DisallowReplay
    void on(CourseEvent event, @SequenceNumber long sequence) {
        courses.seen(event, sequence);
        catalogue.seen(event, sequence);
    }
}
