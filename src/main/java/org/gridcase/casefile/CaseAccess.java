package org.gridcase.casefile;

import java.util.Set;

import org.gridcase.registry.Registry;
import org.gridcase.registry.Registry.Jurisdiction;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that decides who may read a case and give it a command: by role ({@link CaseCommand#roles()}) and by
 * the case's grid or department, from the registry's area hierarchy (grid staff: their grid; community staff: the
 * community's grids; town staff: the town's grids and the cases without a grid; department staff: their
 * department's cases; administrators: everything).
 * <p>
 * A case outside everything the caller may read is "not found", exactly as on GET, so a command never tells that it
 * exists. A case he may read but not command is 403.
 */
@Service
@Transactional(readOnly = true)
public class CaseAccess {

    private final CaseFiles files;
    private final Registry registry;

    CaseAccess(CaseFiles files, Registry registry) {
        this.files = files;
        this.registry = registry;
    }

    /** Who calls: the login and its Camunda groups (only {@code camunda-admin} counts beyond the registry). */
    public record Caller(String login, Set<String> groups) {
    }

    /** Where the caller's roles that may give this command reach. */
    public Jurisdiction scope(Caller caller, CaseCommand command) {
        return registry.jurisdiction(caller.login(), caller.groups(), command.roles());
    }

    /** Whether the caller may read this case. */
    public boolean mayRead(Caller caller, CaseFile file) {
        return covers(scope(caller, CaseCommand.READ), file);
    }

    /**
     * The case, if the caller may give it the command; else 404 (he may not even read it) or 403 (his roles that
     * reach it may not do this).
     */
    public CaseFile require(Caller caller, CaseCommand command, String trackingNumber) {
        CaseFile file = files.findByTrackingNumber(trackingNumber).filter(f -> mayRead(caller, f))
                .orElseThrow(() -> new NotFoundException("案件 " + trackingNumber + " 不存在"));
        if (command != CaseCommand.READ && !covers(scope(caller, command), file)) {
            throw new ForbiddenException("您的角色不能对本案件执行“" + command.label() + "”");
        }
        return file;
    }

    static boolean covers(Jurisdiction jurisdiction, CaseFile file) {
        return jurisdiction.covers(file.getGridCode(), file.getDepartmentCode());
    }
}
