package org.gridcase.casefile;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.gridcase.support.PageView;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading cases for the API: one case with its timeline, or lists by status, light, grid and department. */
@Service
@Transactional(readOnly = true)
public class CaseQueries {

    private final CaseFiles files;
    private final CaseEvents events;

    CaseQueries(CaseFiles files, CaseEvents events) {
        this.files = files;
        this.events = events;
    }

    public CaseView one(String trackingNumber, boolean unmasked) {
        CaseFile file = files.findByTrackingNumber(trackingNumber)
                .orElseThrow(() -> new NotFoundException("案件 " + trackingNumber + " 不存在"));
        return CaseView.of(file, events.findByCaseIdOrderByAtAscIdAsc(file.getId()), unmasked, Cases.now());
    }

    public PageView<CaseView> list(List<CaseStatus> statuses, Light light, String grid, String department, int page,
            int size, boolean unmasked) {
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
        return PageView.of(files.search(wanted, blank(grid), blank(department), light == null ? null : light.name(),
                Cases.now(), finished, PageView.request(page, size, Sort.by(Sort.Direction.DESC, "createdAt"))),
                c -> CaseView.of(c, null, unmasked, Cases.now()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
