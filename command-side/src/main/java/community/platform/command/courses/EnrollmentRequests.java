package community.platform.command.courses;

import community.platform.command.personal.ChildIds;
import community.platform.shared.courses.EnrollChildCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

/**
 * A guardian's request for a place: the course decides it by its own rules ({@link Course#request}), with the child
 * known by their id ({@link ChildIds}), which names no one.
 */
class EnrollmentRequests {

    private final Repository<Course> courses;
    private final ChildIds childIds;

    EnrollmentRequests(Repository<Course> courses, ChildIds childIds) {
        this.courses = courses;
        this.childIds = childIds;
    }

    /** Answers the course's version after the request. */
    @CommandHandler
    long handle(EnrollChildCommand command) throws Exception {
        String childId = childIds.of(command.guardian(), command.childName());
        return courses.load(command.courseId()).invoke(course -> course.request(command, childId));
    }
}
