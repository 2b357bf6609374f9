package community.platform.command.courses;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.courses.Children;
import community.platform.shared.courses.ListHeldEnrollmentsCommand;
import community.platform.shared.courses.WithdrawEnrollmentCommand;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A guardian who asks for their child's erasure withdraws the child from every course: the one named in the request,
 * and every other whose time the child's schedule holds. A course that refuses (completed, or the child already gone)
 * keeps its record. Each withdrawal commits on its own, and one done already is refused the second time, so the
 * request may be handled again after a crash. It is a process, not a projection: never replayed.
 */
@ProcessingGroup(ChildWithdrawals.GROUP)
class ChildWithdrawals {

    static final String GROUP = "child-erasure-withdrawals";
    private static final Logger log = LoggerFactory.getLogger(ChildWithdrawals.class);

    private final OwnCommits commands;

    ChildWithdrawals(OwnCommits commands) {
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(ErasureRequestedEvent request) {
        if (request.subject() != ErasureSubject.CHILD) {
            return;
        }
        Map<String, String> enrollments = new LinkedHashMap<>();
        enrollments.put(request.courseId(), request.enrollmentId());
        try {
            enrollments.putAll(commands.<Map<String, String>>send(
                    new ListHeldEnrollmentsCommand(Children.scheduleOf(request.childId()))));
        } catch (AggregateNotFoundException noSchedule) {
            // enrolled before children had ids: only the enrollment named is known here
        }
        enrollments.forEach((course, enrollment) -> {
            try {
                commands.send(new WithdrawEnrollmentCommand(course, enrollment, request.username()));
            } catch (CommandExecutionException refused) {
                log.info("Erasure request {}: enrollment {} in {} stays: {}", request.requestId(), enrollment, course,
                         refused.getMessage());
            }
        });
    }
}
