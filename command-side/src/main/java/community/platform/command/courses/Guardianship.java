package community.platform.command.courses;

import community.platform.command.personal.ChildIds;
import org.axonframework.modelling.command.Repository;

/** Who a guardian's enrollment is for, as the course recorded it: the child's id, for erasing their data. */
public class Guardianship {

    private final Repository<Course> courses;
    private final ChildIds childIds;

    Guardianship(Repository<Course> courses, ChildIds childIds) {
        this.courses = courses;
        this.childIds = childIds;
    }

    /** Within a command's unit of work; refused when the enrollment is not in the course, or not the guardian's. */
    public String childIdOf(String courseId, String enrollmentId, String guardian) throws Exception {
        String name = courses.load(courseId).invoke(course -> course.childOf(enrollmentId, guardian));
        return childIds.of(guardian, name);
    }
}
