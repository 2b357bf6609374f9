package community.platform.shared.courses;

import community.platform.shared.personal.PersonalData;

/** One enrolled child's record at completion: sessions attended of those held, and whether that reached 80%. */
public record CourseCompletion(String enrollmentId, String guardian,
                               @PersonalData(subject = "guardian", ofChild = true) String childName, int attended,
                               int held, boolean completed) {
}
