package org.gridcase.request;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseFile;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hotline agents and grid workers register requests (诉求) here. */
@RestController
@RequestMapping("/api/requests")
class RequestController {

    private final RequestIntake intake;

    RequestController(RequestIntake intake) {
        this.intake = intake;
    }

    record Registered(String trackingNumber, String gridCode, String departmentCode, Instant dueAt,
            String status) {
    }

    /**
     * 201 with the new case; the same request under the same {@code externalId} again answers 200 with the first
     * case, if the caller may see it; a different request under a used id, or one whose case he may not see, is 409.
     */
    @PostMapping
    @PreAuthorize("hasAnyAuthority('dispatchers', 'grid-workers', 'camunda-admin')")
    ResponseEntity<Registered> submit(@RequestBody(required = false) RequestIntake.RequestInput input,
            Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        RequestIntake.Intake result = intake.submit(input, new CaseAccess.Caller(caller.getName(), groups));
        CaseFile file = result.file();
        Registered body = new Registered(file.getTrackingNumber(), file.getGridCode(), file.getDepartmentCode(),
                file.getHandlingDueAt(), file.getStatus().name());
        return result.created()
                ? ResponseEntity.created(URI.create("/api/cases/" + file.getTrackingNumber())).body(body)
                : ResponseEntity.ok(body);
    }
}
