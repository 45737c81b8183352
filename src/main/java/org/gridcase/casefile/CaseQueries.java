package org.gridcase.casefile;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridcase.registry.Registry;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.PageView;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading cases for the API: one case with its timeline, or lists by status, light, grid and department. */
@Service
@Transactional(readOnly = true)
public class CaseQueries {

    private final CaseFiles files;
    private final CaseEvents events;
    private final CaseAccess access;
    private final CaseKinds kinds;

    CaseQueries(CaseFiles files, CaseEvents events, CaseAccess access, CaseKinds kinds) {
        this.files = files;
        this.events = events;
        this.access = access;
        this.kinds = kinds;
    }

    public CaseView one(String trackingNumber, boolean unmasked, CaseAccess.Caller caller) {
        CaseFile file = access.require(caller, CaseCommand.READ, trackingNumber);
        CaseKindDefinition kind = kinds.of(file);
        return CaseView.of(file, kind.noun(), events.findByCaseIdOrderByAtAscIdAsc(file.getId()), unmasked, Cases.now(),
                kind.details(file));
    }

    public PageView<CaseView> list(List<CaseStatus> statuses, Light light, String grid, String department, int page,
            int size, boolean unmasked, CaseAccess.Caller caller) {
        Registry.Jurisdiction scope = access.scope(caller, CaseCommand.READ);
        if (light == Light.NONE) {
            throw InvalidInputException.of("light", "只能按 GREEN、YELLOW、RED 查询");
        }
        Set<CaseStatus> wanted = statuses == null || statuses.isEmpty() ? EnumSet.allOf(CaseStatus.class)
                : EnumSet.copyOf(statuses);
        Set<CaseStatus> finished = EnumSet.noneOf(CaseStatus.class);
        for (CaseStatus s : CaseStatus.values()) {
            if (s.finished()) {
                finished.add(s);
            }
        }
        PageRequest request = PageView.request(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
        String lightName = light == null ? null : light.name();
        Page<CaseFile> found = files.search(wanted, scope.everything(), orNone(scope.grids()),
                orNone(scope.departments()), scope.ungridded(), blank(grid), blank(department), lightName, Cases.now(),
                finished, request);
        return PageView.of(found, c -> CaseView.of(c, kinds.of(c).noun(), null, unmasked, Cases.now()));
    }

    /** An empty IN list is not valid SQL everywhere: a value no code has. */
    private static Set<String> orNone(Set<String> codes) {
        return codes.isEmpty() ? Set.of("-") : codes;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
