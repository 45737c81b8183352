package org.gridcase.notify;

import java.net.URI;

import org.gridcase.support.PageView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbox for staff: what was sent, what waits, what failed; administrators send a failed one again. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    /** The administrators' group (GroupIds.ADMINS; notify knows no registry). */
    static final String ADMINS = "camunda-admin";
    private static final URI NOT_RETRYABLE = URI.create("https://gridcase.org/problems/notification-not-retryable");

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('camunda-admin', 'dispatchers')")
    PageView<NotificationView> list(@RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) String caseRef, @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            Authentication caller) {
        boolean administrator = caller != null && caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(ADMINS::equals);
        return notifications.list(status, caseRef, channel, administrator, page, size);
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize("hasAuthority('camunda-admin')")
    NotificationView retry(@PathVariable long id) {
        return notifications.retry(id);
    }

    @ExceptionHandler(Notifications.NotRetryableException.class)
    ProblemDetail notRetryable(Notifications.NotRetryableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(NOT_RETRYABLE);
        problem.setTitle("无法重新发送");
        return problem;
    }
}
