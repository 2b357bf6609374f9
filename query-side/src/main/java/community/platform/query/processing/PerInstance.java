package community.platform.query.processing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event handler whose processing group every instance runs over the whole log for itself, rather than
 * sharing its segments with the other instances: its token is kept in memory and starts at the head of the log when
 * the instance starts. For handlers that tell something to this instance only (its live streams), never for views.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PerInstance {
}
