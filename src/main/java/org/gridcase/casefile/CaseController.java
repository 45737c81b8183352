package org.gridcase.casefile;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.support.InvalidInputException;
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

/**
 * Cases of every kind: read one with its timeline, list by status and light, supervise, withdraw, re-dispatch.
 * Who may do what to which case is {@link CaseAccess}'s decision alone (see {@link CaseCommand}).
 */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final CaseQueries queries;
    private final CaseCommands commands;

    CaseController(CaseQueries queries, CaseCommands commands) {
        this.queries = queries;
        this.commands = commands;
    }

    record SupervisionOrder(String note, String deadline) {
    }

    record Withdrawal(String reason) {
    }

    record Redispatch(String gridCode, String departmentCode, String note) {
    }

    @GetMapping("/{trackingNumber}")
    CaseView one(@PathVariable String trackingNumber, Authentication caller) {
        return queries.one(trackingNumber, unmasked(caller), caller(caller));
    }

    /**
     * Lists by status, light, grid and department; with {@code phone}, the cases of the caller's jurisdiction whose
     * reporter gave that number (dispatchers and administrators; recorded), by status only.
     */
    @GetMapping
    PageView<CaseView> list(@RequestParam(required = false) List<CaseStatus> status,
            @RequestParam(required = false) Light light, @RequestParam(required = false) String grid,
            @RequestParam(required = false) String department, @RequestParam(required = false) String phone,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            Authentication caller) {
        if (phone != null) {
            if (light != null || grid != null || department != null) {
                throw InvalidInputException.of("phone", "按电话查询时只能再按状态（status）筛选");
            }
            return queries.byPhone(phone, status, page, size, unmasked(caller), caller(caller));
        }
        return queries.list(status, light, grid, department, page, size, unmasked(caller), caller(caller));
    }

    /** Who searched cases by a reporter's phone, newest first: for administrators. */
    @GetMapping("/access-log")
    @PreAuthorize("hasAuthority('camunda-admin')")
    PageView<CaseQueries.AccessRecord> accessLog(@RequestParam(required = false) String login,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.accessLog(login, page, size);
    }

    @PostMapping("/{trackingNumber}/supervision")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void supervise(@PathVariable String trackingNumber, @RequestBody(required = false) SupervisionOrder order,
            Authentication caller) {
        commands.supervise(caller(caller), trackingNumber, order == null ? null : order.note(),
                order == null ? null : order.deadline());
    }

    /** A dispatcher corrects a wrong route of a case being handled. */
    @PostMapping("/{trackingNumber}/redispatch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void redispatch(@PathVariable String trackingNumber, @RequestBody(required = false) Redispatch order,
            Authentication caller) {
        commands.redispatch(caller(caller), trackingNumber, order == null ? null : order.gridCode(),
                order == null ? null : order.departmentCode(), order == null ? null : order.note());
    }

    @PostMapping("/{trackingNumber}/withdrawal")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void withdraw(@PathVariable String trackingNumber, @RequestBody(required = false) Withdrawal withdrawal,
            Authentication caller) {
        commands.withdraw(caller(caller), trackingNumber, withdrawal == null ? null : withdrawal.reason());
    }

    static CaseAccess.Caller caller(Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new CaseAccess.Caller(caller.getName(), groups);
    }

    private static boolean unmasked(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(CaseView.SEES_REPORTERS::contains);
    }
}
