package org.gridcase.casefile;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridcase.registry.Registry;
import org.gridcase.support.BusinessClock;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.Masking;
import org.gridcase.support.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading cases for the API: one case with its timeline, lists by status, light, grid and department, and the cases
 * of one reporter's phone (recorded in {@code case_access_log}).
 */
@Service
@Transactional(readOnly = true)
public class CaseQueries {

    private static final Logger log = LoggerFactory.getLogger(CaseQueries.class);

    private final CaseFiles files;
    private final CaseEvents events;
    private final CaseAccess access;
    private final CaseKinds kinds;
    private final CaseAccessLogs accessLog;

    CaseQueries(CaseFiles files, CaseEvents events, CaseAccess access, CaseKinds kinds, CaseAccessLogs accessLog) {
        this.files = files;
        this.events = events;
        this.access = access;
        this.kinds = kinds;
        this.accessLog = accessLog;
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

    /**
     * The cases of the caller's jurisdiction whose reporter gave this phone number (any spelling {@link PhoneKeys}
     * takes), newest first; 400 naming {@code phone} when it is no phone number, 403 for a role that may not search by
     * phone. Each search is recorded with the number masked, also when it finds nothing.
     */
    @Transactional
    public PageView<CaseView> byPhone(String phone, List<CaseStatus> statuses, int page, int size, boolean unmasked,
            CaseAccess.Caller caller) {
        Registry.Jurisdiction scope = access.scope(caller, CaseCommand.SEARCH_BY_PHONE);
        if (!scope.everything() && scope.grids().isEmpty() && scope.departments().isEmpty() && !scope.ungridded()) {
            throw new ForbiddenException("只有调度员和系统管理员可以按电话号码查询案件");
        }
        String normalised = PhoneKeys.normalise(phone).orElseThrow(() -> InvalidInputException.of("phone",
                "请填写 5 到 20 位的电话号码（可含空格、短横线和 +86），最长 " + PhoneKeys.MAX_INPUT + " 个字符"));
        String key = PhoneKeys.key(phone).orElseThrow();
        Set<CaseStatus> wanted = statuses == null || statuses.isEmpty() ? EnumSet.allOf(CaseStatus.class)
                : EnumSet.copyOf(statuses);
        PageRequest request = PageView.request(page, size, Sort.by(Sort.Direction.DESC, "createdAt")
                .and(Sort.by(Sort.Direction.DESC, "id")));
        Page<CaseFile> found = files.byPhone(key, wanted, scope.everything(), orNone(scope.grids()),
                orNone(scope.departments()), scope.ungridded(), request);
        String masked = Masking.phone(normalised);
        accessLog.save(new CaseAccessLog(BusinessClock.now(), caller.login(), CaseAccessLog.PHONE_SEARCH, masked,
                found.getTotalElements(), String.join(",", found.getContent().stream()
                        .map(CaseFile::getTrackingNumber).toList())));
        log.info("Cases of phone {} searched by {}: {} found", masked, caller.login(), found.getTotalElements());
        Instant now = Cases.now();
        return PageView.of(found, c -> CaseView.of(c, kinds.of(c).noun(), null, unmasked, now));
    }

    /** Who searched cases by a reporter's personal data, newest first (for administrators). */
    public PageView<AccessRecord> accessLog(String login, int page, int size) {
        return PageView.of(accessLog.search(blank(login), PageView.request(page, size,
                Sort.by(Sort.Direction.DESC, "at").and(Sort.by(Sort.Direction.DESC, "id")))),
                l -> new AccessRecord(l.getAt(), l.getLogin(), l.getKind(), l.getSubjectMasked(), l.getFound(),
                        l.getShown()));
    }

    /** One line of the access log as administrators read it. */
    public record AccessRecord(Instant at, String login, String kind, String subjectMasked, long found, String shown) {
    }

    /** An empty IN list is not valid SQL everywhere: a value no code has. */
    private static Set<String> orNone(Set<String> codes) {
        return codes.isEmpty() ? Set.of("-") : codes;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
