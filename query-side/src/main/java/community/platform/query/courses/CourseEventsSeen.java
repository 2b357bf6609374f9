package community.platform.query.courses;

import community.platform.query.processing.PerInstance;
import community.platform.query.views.ReadCaches;
import community.platform.shared.courses.CourseEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** Tells this instance's read cache of the courses of every course event, whichever instance projects it. */
@Component
@PerInstance
@ProcessingGroup(ReadCaches.GROUP)
class CourseEventsSeen {

    private final CourseProjection courses;

    CourseEventsSeen(CourseProjection courses) {
        this.courses = courses;
    }

    @EventHandler
    @DisallowReplay
    void on(CourseEvent event, @SequenceNumber long sequence) {
        courses.seen(event, sequence);
    }
}
