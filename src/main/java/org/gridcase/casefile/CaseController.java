package org.gridcase.casefile;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;

import org.gridcase.support.PageView;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Cases of every kind: read one with its timeline, list by status and light, supervise, withdraw. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    /** Town-wide roles: they see every case of the town. */
    private static final Set<String> TOWN_WIDE = Set.of("dispatchers", "leaders", "process-owners",
            "camunda-admin");

    private final CaseQueries queries;
    private final CaseCommands commands;
    private final Registry registry;

    CaseController(CaseQueries queries, CaseCommands commands, Registry registry) {
        this.queries = queries;
        this.commands = commands;
        this.registry = registry;
    }

    record SupervisionOrder(String note, String deadline) {
    }

    record Withdrawal(String reason) {
    }

    record Redispatch(String gridCode, String departmentCode, String note) {
    }

    @GetMapping("/{trackingNumber}")
    CaseView one(@PathVariable String trackingNumber, Authentication caller) {
        return queries.one(trackingNumber, unmasked(caller), scope(caller));
    }

    @GetMapping
    PageView<CaseView> list(@RequestParam(required = false) List<CaseStatus> status,
            @RequestParam(required = false) Light light, @RequestParam(required = false) String grid,
            @RequestParam(required = false) String department, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, Authentication caller) {
        return queries.list(status, light, grid, department, page, size, unmasked(caller), scope(caller));
    }

    @PostMapping("/{trackingNumber}/supervision")
    @PreAuthorize("hasAnyAuthority('leaders', 'dispatchers', 'camunda-admin')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void supervise(@PathVariable String trackingNumber, @RequestBody SupervisionOrder order, Authentication caller) {
        commands.supervise(trackingNumber, order == null ? null : order.note(),
                order == null ? null : order.deadline(), caller.getName());
    }

    /** A dispatcher corrects a wrong route of a case being handled. */
    @PostMapping("/{trackingNumber}/redispatch")
    @PreAuthorize("hasAnyAuthority('dispatchers', 'camunda-admin')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void redispatch(@PathVariable String trackingNumber, @RequestBody Redispatch order, Authentication caller) {
        commands.redispatch(trackingNumber, order == null ? null : order.gridCode(),
                order == null ? null : order.departmentCode(), order == null ? null : order.note(), caller.getName());
    }

    @PostMapping("/{trackingNumber}/withdrawal")
    @PreAuthorize("hasAnyAuthority('dispatchers', 'grid-workers', 'camunda-admin')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void withdraw(@PathVariable String trackingNumber, @RequestBody Withdrawal withdrawal, Authentication caller) {
        commands.withdraw(trackingNumber, withdrawal == null ? null : withdrawal.reason(), caller.getName());
    }

    /** Grid staff see the cases of their grids (a community's staff, its grids); departments, theirs. */
    private CaseQueries.Scope scope(Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        if (groups.stream().anyMatch(TOWN_WIDE::contains)) {
            return CaseQueries.Scope.ALL;
        }
        Set<String> areas = groups.stream().map(GroupIds::areaCodeOf).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> departments = groups.stream().map(GroupIds::departmentCodeOf).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return new CaseQueries.Scope(false, registry.gridsUnder(areas), departments);
    }

    private static boolean unmasked(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(CaseView.SEES_REPORTERS::contains);
    }
}
