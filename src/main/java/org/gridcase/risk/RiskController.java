package org.gridcase.risk;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStarts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Grid workers, grid leaders and village or community secretaries report hazards here (风险隐患上报); the open-hazard
 * register of a grid, community or town (隐患台账) is read here. The case itself is {@code /api/cases/{trackingNumber}}.
 */
@RestController
@RequestMapping("/api/risks")
class RiskController {

    private final RiskIntake intake;
    private final RiskRegister register;

    RiskController(RiskIntake intake, RiskRegister register) {
        this.intake = intake;
        this.register = register;
    }

    record Reported(String trackingNumber, String gridCode, String type, String status, Instant verifyDueAt) {
    }

    /**
     * 201 with the new case; the same report under the same {@code externalId} again answers 200 with the first
     * case; a different report under a used id is 409.
     */
    @PostMapping
    @PreAuthorize("hasAnyAuthority('grid-workers', 'grid-leaders', 'leaders', 'camunda-admin')")
    ResponseEntity<Reported> report(@RequestBody(required = false) RiskIntake.RiskInput input, Authentication caller) {
        CaseStarts.Started started = intake.submit(input, caller(caller));
        CaseFile file = started.file();
        Reported body = new Reported(file.getTrackingNumber(), file.getGridCode(), file.getCategory(),
                file.getStatus().name(), file.getResponseDueAt());
        return started.created()
                ? ResponseEntity.created(URI.create("/api/cases/" + file.getTrackingNumber())).body(body)
                : ResponseEntity.ok(body);
    }

    /** 隐患台账: {@code open=true} (the default) lists the hazards not yet closed, {@code open=false} all. */
    @GetMapping("/register")
    RiskRegister.Register register(@RequestParam(required = false) String area,
            @RequestParam(defaultValue = "true") boolean open, Authentication caller) {
        return register.of(caller(caller), area, open);
    }

    private static CaseAccess.Caller caller(Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new CaseAccess.Caller(caller.getName(), groups);
    }
}
