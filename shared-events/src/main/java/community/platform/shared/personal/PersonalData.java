package community.platform.shared.personal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of an event (or of a snapshot's state) as personal information: it is stored encrypted under its
 * data subject's own key, and reads as {@value #ERASED} once that key is erased. Every text field of every event is
 * either marked so or named as not personal in the classification test, so a new field cannot slip through unread.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PersonalData {

    /** What an erased field reads as, everywhere. */
    String ERASED = "[erased]";

    /** What a personal field reads as for an auditor who has not stated why they must see it. */
    String MASKED = "[masked]";

    /** The field of the same record that names the person: a username, or (for a child) their guardian's. */
    String subject();

    /**
     * True when the value is the name of a child of the person named by {@link #subject()}: the child has a key of
     * their own, found by their id (which the guardian and this name give).
     */
    boolean ofChild() default false;
}
