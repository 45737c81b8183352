package org.gridcase.notice;

import static org.gridcase.notice.NoticeProcess.*;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.RuntimeService;
import org.gridcase.notify.Channel;
import org.gridcase.notify.Notifications;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.Registry;
import org.gridcase.registry.Registry.Jurisdiction;
import org.gridcase.registry.Role;
import org.gridcase.support.BusinessClock;
import org.gridcase.support.EngineText;
import org.gridcase.support.ForbiddenException;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.gridcase.support.Masking;
import org.gridcase.support.NotFoundException;
import org.gridcase.support.PageView;
import org.gridcase.support.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 一键达: a leader, dispatcher or grid leader sends a notice to the households of some areas; each gets an SMS with a
 * one-time confirm link (or replies by SMS), and at the confirm-by time each grid's workers check the households that
 * have not confirmed. The fan-out runs in the notice process, in chunks, never in the sender's request.
 */
@Service
public class NoticeService {

    private static final Logger log = LoggerFactory.getLogger(NoticeService.class);
    /** The roles that send notices, each within its area. */
    static final Set<Role> SENDERS = EnumSet.of(Role.LEADER, Role.DISPATCHER, Role.GRID_LEADER);
    /** Whose jurisdiction counts for sending: the senders' and the administrators' (everything). */
    private static final Set<Role> SENDING_SCOPE = EnumSet.of(Role.LEADER, Role.DISPATCHER, Role.GRID_LEADER,
            Role.ADMIN);
    static final String TEMPLATE = "NOTICE_LINK";
    static final String VIA_LINK = "LINK";
    static final String VIA_REPLY = "REPLY";
    static final String VIA_VISIT = "VISIT";
    static final int REASON_MAX = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NoticeStore store;
    private final Registry registry;
    private final Notifications notifications;
    private final RuntimeService runtimeService;
    private final NoticeProperties properties;
    private final String publicUrl;

    NoticeService(NoticeStore store, Registry registry, Notifications notifications, RuntimeService runtimeService,
            NoticeProperties properties, @Value("${gridcase.public-url:http://localhost:8080}") String publicUrl) {
        this.store = store;
        this.registry = registry;
        this.notifications = notifications;
        this.runtimeService = runtimeService;
        this.properties = properties;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Who calls: the login and its Camunda groups (only {@code camunda-admin} counts beyond the registry). */
    public record Caller(String login, Set<String> groups) {
    }

    /**
     * A notice as posted. {@code confirmBy}: ISO date-time, with an offset or read in Asia/Shanghai;
     * {@code perHousehold} (default true): one recipient per household (building and room), else every resident
     * with a phone.
     */
    public record NoticeInput(String title, String text, String kind, String confirmBy, List<String> areaCodes,
            Boolean perHousehold) {
    }

    public record Accepted(long id, NoticeState state, String stateLabel) {
    }

    /** Counts of a notice or an area; {@code awarenessRate} (知晓率) = confirmed / recipients, null without any. */
    public record Counts(long recipients, long sent, long delivered, long confirmed, long confirmedByLink,
            long confirmedByReply, long confirmedByVisit, long unreachable, long open, Double awarenessRate) {

        static Counts of(List<NoticeStore.GridCounts> grids) {
            long recipients = 0, sent = 0, delivered = 0, link = 0, reply = 0, visit = 0, unreachable = 0;
            for (NoticeStore.GridCounts g : grids) {
                recipients += g.recipients();
                sent += g.sent();
                delivered += g.delivered();
                link += g.byLink();
                reply += g.byReply();
                visit += g.byVisit();
                unreachable += g.unreachable();
            }
            long confirmed = link + reply + visit;
            return new Counts(recipients, sent, delivered, confirmed, link, reply, visit, unreachable,
                    recipients - confirmed - unreachable, recipients == 0 ? null : (double) confirmed / recipients);
        }
    }

    public record AreaCounts(String code, String name, AreaLevel level, Counts counts) {
    }

    public record NoticeSummary(long id, String title, NoticeKind kind, String kindLabel, String sender,
            String senderUnit, Instant confirmBy, NoticeState state, String stateLabel, Instant createdAt,
            Counts counts) {
    }

    public record NoticeDetail(long id, String title, String text, NoticeKind kind, String kindLabel, String sender,
            String senderUnit, List<String> areaCodes, boolean perHousehold, Instant confirmBy, NoticeState state,
            String stateLabel, Instant createdAt, Instant finishedAt, Counts counts, List<AreaCounts> communities,
            List<AreaCounts> grids) {
    }

    /** What the public confirm page shows: the notice and whether this household has confirmed. */
    public record PublicNotice(String title, String text, String kindLabel, String senderUnit, Instant confirmBy,
            boolean confirmed) {
    }

    // ------------------------------------------------------------------------------------------------ sending

    /**
     * Stores the notice and starts its process; the recipients and their SMS follow asynchronously.
     *
     * @throws InvalidInputException a field is missing or wrong (each named)
     * @throws ForbiddenException    an area lies outside the caller's jurisdiction as a sender
     */
    @Transactional
    public Accepted send(Caller caller, NoticeInput input) {
        if (input == null) {
            throw InvalidInputException.of("body", "请提供通知内容");
        }
        Instant now = BusinessClock.now();
        List<FieldProblem> errors = new ArrayList<>();
        String title = text(input.title(), "title", "标题", properties.titleMax(), errors);
        String text = text(input.text(), "text", "正文", properties.textMax(), errors);
        NoticeKind kind = kind(input.kind(), errors);
        Instant confirmBy = confirmBy(input.confirmBy(), now, errors);
        List<String> areaCodes = areas(input.areaCodes(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("通知内容有误", errors);
        }
        Jurisdiction scope = registry.jurisdiction(caller.login(), caller.groups(), SENDING_SCOPE);
        List<String> outside = areaCodes.stream().filter(code -> !covers(scope, code)).toList();
        if (!outside.isEmpty()) {
            throw new ForbiddenException("区域 " + String.join("、", outside) + " 不在您的辖区内，不能向其发送通知");
        }
        Set<String> grids = registry.gridsUnder(areaCodes);
        if (!store.anyCandidate(grids)) {
            throw InvalidInputException.of("areaCodes", "所选区域没有登记手机号的居民");
        }
        boolean perHousehold = input.perHousehold() == null || input.perHousehold();
        long id = store.insertNotice(title, text, kind, confirmBy, String.join(",", areaCodes), perHousehold,
                caller.login(), senderUnit(areaCodes, caller.login()), now);
        store.insertGrids(id, grids);
        Map<String, Object> variables = new HashMap<>();
        variables.put(NOTICE_ID, id);
        variables.put(CONFIRM_BY, Date.from(confirmBy));
        String processId = runtimeService.startProcessInstanceByKey(KEY, businessKey(id), variables).getId();
        store.processInstance(id, processId);
        log.info("Notice {} ({}) to {} queued by {}", id, kind, areaCodes, caller.login());
        return new Accepted(id, NoticeState.QUEUED, NoticeState.QUEUED.label());
    }

    private static String text(String value, String field, String label, int max, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldProblem(field, "请填写" + label));
            return null;
        }
        String s = value.strip();
        if (s.codePointCount(0, s.length()) > max) {
            errors.add(new FieldProblem(field, label + "最长 " + max + " 字"));
        }
        return s;
    }

    private static NoticeKind kind(String value, List<FieldProblem> errors) {
        try {
            if (value != null) {
                return NoticeKind.valueOf(value.strip());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(new FieldProblem("kind", "请选择通知类别：WEATHER_WARNING（天气预警）、SAFETY（安全提示）、"
                + "POLICY（政策宣传）或 OTHER（其他）"));
        return null;
    }

    /** The latest confirmation deadline a notice may set, from now. */
    private static final Duration CONFIRM_WITHIN = Duration.ofDays(366);

    private static Instant confirmBy(String value, Instant now, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldProblem("confirmBy", "请填写确认期限"));
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = LocalDateTime.parse(value.strip()).atZone(BusinessClock.ZONE).toInstant();
            } catch (DateTimeParseException e2) {
                errors.add(new FieldProblem("confirmBy", "确认期限格式应为 2025-03-08T18:00 或 2025-03-08T18:00+08:00"));
                return null;
            }
        }
        if (!at.isAfter(now)) {
            errors.add(new FieldProblem("confirmBy", "确认期限必须晚于当前时间"));
        } else if (at.isAfter(now.plus(CONFIRM_WITHIN))) {
            // a deadline centuries away cannot be stored or timed, and no household is asked to confirm that late
            errors.add(new FieldProblem("confirmBy", "确认期限最长为一年以内"));
        }
        return at;
    }

    private List<String> areas(List<String> codes, List<FieldProblem> errors) {
        if (codes == null || codes.isEmpty()) {
            errors.add(new FieldProblem("areaCodes", "请选择至少一个区域（镇、社区或网格）"));
            return List.of();
        }
        if (codes.size() > properties.areasMax()) {
            errors.add(new FieldProblem("areaCodes", "一次最多选择 " + properties.areasMax() + " 个区域"));
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i) == null ? "" : codes.get(i).strip();
            String field = "areaCodes[" + i + "]";
            Registry.AreaRef area = code.isEmpty() ? null : registry.area(code).orElse(null);
            if (area == null) {
                errors.add(new FieldProblem(field, "区域 " + code + " 不存在"));
            } else if (area.level() == AreaLevel.MICRO_GRID) {
                errors.add(new FieldProblem(field, "只能选择镇、社区或网格"));
            } else {
                result.add(code);
            }
        }
        return List.copyOf(result);
    }

    /** Every grid under the area is the caller's, and the area has grids or the caller has everything. */
    private boolean covers(Jurisdiction scope, String areaCode) {
        if (scope.everything()) {
            return true;
        }
        Set<String> grids = registry.gridsUnder(List.of(areaCode));
        return !grids.isEmpty() && grids.stream().allMatch(scope::coversGrid);
    }

    /**
     * The name residents read as the sender: the area where the sender holds his sending role, the deepest one that
     * holds every area of the notice (示范镇 for a town leader, 东湖社区第一网格 for its grid leader); for an
     * administrator the town of the notice's areas. Never a person.
     */
    private String senderUnit(List<String> areaCodes, String login) {
        List<Registry.AreaRef> common = null;
        for (String code : areaCodes) {
            List<Registry.AreaRef> lineage = new ArrayList<>(registry.lineage(code));
            Collections.reverse(lineage); // root first
            if (common == null) {
                common = lineage;
            } else {
                int n = 0;
                while (n < common.size() && n < lineage.size() && common.get(n).code().equals(lineage.get(n).code())) {
                    n++;
                }
                common = common.subList(0, n);
            }
        }
        if (common == null || common.isEmpty()) {
            return "网格服务中心";
        }
        for (int i = common.size() - 1; i >= 0; i--) {
            String code = common.get(i).code();
            if (SENDERS.stream().anyMatch(role -> registry.staff(code, role).stream()
                    .anyMatch(s -> s.login().equals(login)))) {
                return common.get(i).name();
            }
        }
        return common.stream().filter(a -> a.level() == AreaLevel.TOWN).findFirst()
                .orElse(common.get(common.size() - 1)).name();
    }

    // ------------------------------------------------------------------------------------------------ process steps

    /**
     * Chooses the recipients and writes them in batches: one resident per household (the lowest registry id of the
     * household with a phone) or every resident with a phone. Runs once per notice: a retried job finds them written
     * (the rows commit with the job or not at all).
     */
    @Transactional
    public int selectRecipients(long noticeId) {
        NoticeStore.NoticeRow notice = store.find(noticeId).orElseThrow();
        long existing = store.countRecipients(noticeId);
        if (existing > 0) {
            return (int) existing;
        }
        Map<String, String> communityOfGrid = new HashMap<>();
        Map<String, NoticeStore.NewRecipient> chosen = new LinkedHashMap<>();
        for (NoticeStore.Candidate c : store.candidates(store.grids(noticeId))) {
            String key = notice.perHousehold()
                    ? c.buildingCode() + "\u0000" + (c.room() == null ? "" : c.room().strip())
                    : String.valueOf(c.residentId());
            if (chosen.containsKey(key)) {
                continue;
            }
            String community = communityOfGrid.computeIfAbsent(c.gridCode(),
                    g -> registry.area(g).map(Registry.AreaRef::parentCode).orElse(null));
            chosen.put(key, new NoticeStore.NewRecipient(c.residentId(), c.phone(), Masking.name(c.name()),
                    c.gridCode(), community, c.buildingCode(), c.buildingAddress(),
                    c.room() == null || c.room().isBlank() ? null : c.room().strip()));
        }
        store.insertRecipients(noticeId, List.copyOf(chosen.values()), properties.insertChunk());
        store.state(noticeId, NoticeState.SENDING, null);
        log.info("Notice {}: {} recipients chosen", noticeId, chosen.size());
        return chosen.size();
    }

    /**
     * Queues the SMS of the next chunk of recipients (each with a fresh one-time link, stored hashed) and answers
     * whether recipients remain. The chunk's links and SMS commit together, so a retried job queues nothing twice.
     */
    @Transactional
    public boolean queueSms(long noticeId) {
        NoticeStore.NoticeRow notice = store.find(noticeId).orElseThrow();
        List<NoticeStore.RecipientRow> chunk = store.unsent(noticeId, properties.smsChunk());
        List<Object[]> queued = new ArrayList<>(chunk.size());
        for (NoticeStore.RecipientRow r : chunk) {
            String token = newToken();
            String dedupKey = "NOTICE:" + noticeId + ":" + r.id();
            Map<String, Object> model = new HashMap<>();
            model.put("unit", notice.senderUnit());
            model.put("kindLabel", notice.kind().label());
            model.put("title", notice.title());
            model.put("confirmBy", notice.confirmBy());
            model.put("link", publicUrl + "/notice/" + token);
            notifications.enqueue(new Notifications.Message(dedupKey, Channel.SMS, r.phone(), null, TEMPLATE, model,
                    businessKey(noticeId)));
            queued.add(new Object[] {r.id(), hash(token), dedupKey});
        }
        store.markQueued(queued);
        boolean pending = store.anyUnsent(noticeId);
        if (!pending) {
            store.state(noticeId, NoticeState.AWAITING, null);
            log.info("Notice {}: every SMS queued", noticeId);
        }
        return pending;
    }

    /** At the confirm-by time: the grids with households neither confirmed nor marked unreachable. */
    @Transactional
    public List<String> openGrids(long noticeId) {
        List<String> grids = store.openGrids(noticeId);
        if (!grids.isEmpty()) {
            store.state(noticeId, NoticeState.FOLLOW_UP, null);
        }
        return grids;
    }

    /**
     * What a grid's follow-up task shows: the notice, the grid's name and the open households, names masked; the texts
     * without characters beyond the Basic Multilingual Plane (the engine's MySQL tables are utf8).
     */
    public record FollowUp(String title, String text, String gridName, List<Map<String, Object>> households,
            String householdIds) {
    }

    @Transactional(readOnly = true)
    public FollowUp followUp(long noticeId, String gridCode) {
        NoticeStore.NoticeRow notice = store.find(noticeId).orElseThrow();
        List<Map<String, Object>> households = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (NoticeStore.RecipientRow r : store.open(noticeId, gridCode)) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("recipientId", String.valueOf(r.id()));
            h.put("name", r.maskedName());
            h.put("building", r.buildingAddress());
            h.put("room", r.room() == null ? "" : r.room());
            h.put(OUTCOME, null);
            h.put(REASON, "");
            households.add(h);
            ids.add(String.valueOf(r.id()));
        }
        // plain text variables go to the engine's utf8 tables (MySQL): no emoji there (the list is JSON bytes)
        return new FollowUp(EngineText.bmpOnly(notice.title()), EngineText.bmpOnly(notice.text()),
                EngineText.bmpOnly(registry.area(gridCode).map(Registry.AreaRef::name).orElse(gridCode)),
                households, String.join(",", ids));
    }

    /**
     * A grid worker's answer: every household of the task ticked, confirmed face to face or by phone (已当面/电话确认)
     * or unreachable (无法联系) with a reason. A household that confirmed by link meanwhile stays confirmed.
     *
     * @param householdIds the ids the task listed (comma-separated)
     * @param households   the submitted list: maps with recipientId, outcome, reason
     * @throws InvalidInputException what is missing, in Chinese, for the form
     */
    @Transactional
    public void recordFollowUp(long noticeId, String householdIds, List<Map<String, Object>> households,
            String worker) {
        List<Long> expected = householdIds == null || householdIds.isBlank() ? List.of()
                : java.util.Arrays.stream(householdIds.split(",")).map(Long::parseLong).toList();
        List<Map<String, Object>> list = households == null ? List.of() : households;
        Map<Long, Map<String, Object>> submitted = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> h = list.get(i);
            Object id = h.get("recipientId");
            try {
                // an item without its id (a form renderer that keeps only the fields) is the one listed there
                submitted.put(id == null || id.toString().isBlank() ? positional(expected, list.size(), i)
                        : Long.parseLong(id.toString().strip()), h);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of(HOUSEHOLDS, "住户名单被改动，请刷新后重新填写");
            }
        }
        if (!new LinkedHashSet<>(expected).containsAll(submitted.keySet())) {
            throw InvalidInputException.of(HOUSEHOLDS, "住户名单被改动，请刷新后重新填写");
        }
        Map<Long, NoticeStore.RecipientRow> rows = new HashMap<>();
        store.recipients(noticeId, expected).forEach(r -> rows.put(r.id(), r));
        List<String> unticked = new ArrayList<>();
        List<String> noReason = new ArrayList<>();
        for (Long id : expected) {
            Map<String, Object> h = submitted.get(id);
            Object outcome = h == null ? null : h.get(OUTCOME);
            String where = describe(rows.get(id));
            if (!OUTCOME_CONFIRMED.equals(outcome) && !OUTCOME_UNREACHABLE.equals(outcome)) {
                unticked.add(where);
            } else if (OUTCOME_UNREACHABLE.equals(outcome)) {
                Object reason = h.get(REASON);
                if (reason == null || reason.toString().isBlank()) {
                    noReason.add(where);
                } else if (reason.toString().strip().length() > REASON_MAX) {
                    throw InvalidInputException.of(HOUSEHOLDS, "无法联系的原因最长 " + REASON_MAX + " 字：" + where);
                }
            }
        }
        List<FieldProblem> faults = new ArrayList<>();
        if (!unticked.isEmpty()) {
            faults.add(new FieldProblem(HOUSEHOLDS, "请为每一户选择“已当面/电话确认”或“无法联系”，未选择："
                    + String.join("、", unticked)));
        }
        if (!noReason.isEmpty()) {
            faults.add(new FieldProblem(HOUSEHOLDS, "无法联系的住户请填写原因：" + String.join("、", noReason)));
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException(String.join("；", faults.stream().map(FieldProblem::message).toList()),
                    faults);
        }
        Instant now = BusinessClock.now();
        for (Long id : expected) {
            Map<String, Object> h = submitted.get(id);
            if (OUTCOME_CONFIRMED.equals(h.get(OUTCOME))) {
                store.confirm(id, VIA_VISIT, worker, now);
            } else {
                store.unreachable(id, h.get(REASON).toString().strip(), worker, now);
            }
        }
        log.info("Notice {}: {} households checked by {}", noticeId, expected.size(), worker);
    }

    private static long positional(List<Long> expected, int submitted, int index) {
        if (submitted != expected.size()) {
            throw new NumberFormatException("list changed");
        }
        return expected.get(index);
    }

    private static String describe(NoticeStore.RecipientRow r) {
        if (r == null) {
            return "未知住户";
        }
        return r.buildingAddress() + (r.room() == null ? "" : " " + r.room()) + "（" + r.maskedName() + "）";
    }

    @Transactional
    public void close(long noticeId) {
        store.state(noticeId, NoticeState.DONE, BusinessClock.now());
        log.info("Notice {} done", noticeId);
    }

    // ------------------------------------------------------------------------------------------------ receipts

    /**
     * What the confirm page shows behind a link.
     *
     * @throws NotFoundException the link is unknown or its notice is finished
     */
    @Transactional(readOnly = true)
    public PublicNotice byToken(String token) {
        NoticeStore.RecipientRow r = usable(token);
        return publicNotice(r, r.confirmedAt() != null);
    }

    /** The household confirms through its link; again is a no-op that says so. */
    @Transactional
    public PublicNotice confirmByToken(String token) {
        NoticeStore.RecipientRow r = usable(token);
        if (r.confirmedAt() == null && store.confirm(r.id(), VIA_LINK, null, BusinessClock.now())) {
            log.info("Notice {}: recipient {} confirmed by link", r.noticeId(), r.id());
        }
        return publicNotice(r, true);
    }

    private NoticeStore.RecipientRow usable(String token) {
        NoticeStore.RecipientRow r = token == null || token.length() > 64 ? null
                : store.byTokenHash(hash(token)).orElse(null);
        if (r == null || store.find(r.noticeId()).map(n -> n.state() == NoticeState.DONE).orElse(true)) {
            throw new NotFoundException("通知链接不存在或已失效");
        }
        return r;
    }

    private PublicNotice publicNotice(NoticeStore.RecipientRow r, boolean confirmed) {
        NoticeStore.NoticeRow n = store.find(r.noticeId()).orElseThrow();
        return new PublicNotice(n.title(), n.text(), n.kind().label(), n.senderUnit(), n.confirmBy(), confirmed);
    }

    /**
     * A resident's SMS reply: an acknowledgement (收到, 知道了, 已阅, 1…) from a recipient's phone confirms that
     * phone's rows of its newest open notice. Anything else is left for staff.
     *
     * @return the rows confirmed (0 when the text is no acknowledgement or the phone has nothing open)
     */
    @Transactional
    public int reply(String from, String text, Instant receivedAt) {
        String phone = Replies.phone(from);
        if (phone == null || !Replies.acknowledges(text)) {
            log.info("Inbound SMS from {} is no notice acknowledgement, ignored", Masking.phone(from));
            return 0;
        }
        Long noticeId = store.latestOpenNoticeOf(phone).orElse(null);
        if (noticeId == null) {
            log.info("Inbound SMS from {}: no open notice", Masking.phone(phone));
            return 0;
        }
        int confirmed = store.confirmPhone(noticeId, phone, VIA_REPLY,
                receivedAt == null ? BusinessClock.now() : receivedAt);
        log.info("Notice {}: {} recipient(s) of {} confirmed by reply", noticeId, confirmed, Masking.phone(phone));
        return confirmed;
    }

    // ------------------------------------------------------------------------------------------------ reading

    @Transactional(readOnly = true)
    public PageView<NoticeSummary> list(Caller caller, int page, int size) {
        var request = PageView.request(page, size, org.springframework.data.domain.Sort.unsorted());
        Jurisdiction seen = registry.jurisdiction(caller.login(), caller.groups(), Set.of());
        long total = store.countVisible(seen.everything(), seen.grids());
        List<NoticeStore.NoticeRow> rows = store.visible(seen.everything(), seen.grids(),
                (int) request.getOffset(), size);
        List<NoticeSummary> items = rows.stream().map(n -> new NoticeSummary(n.id(), n.title(), n.kind(),
                n.kind().label(), senderName(n.senderLogin()), n.senderUnit(), n.confirmBy(), n.state(),
                n.state().label(), n.createdAt(), Counts.of(store.counts(n.id())))).toList();
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    /**
     * One notice with its counts, per community and per grid.
     *
     * @throws NotFoundException no such notice, or one reaching beyond the caller's jurisdiction
     */
    @Transactional(readOnly = true)
    public NoticeDetail detail(Caller caller, long id) {
        Jurisdiction seen = registry.jurisdiction(caller.login(), caller.groups(), Set.of());
        NoticeStore.NoticeRow n = store.find(id)
                .filter(row -> seen.everything() || store.grids(id).stream().allMatch(seen::coversGrid))
                .orElseThrow(() -> new NotFoundException("通知 " + id + " 不存在"));
        List<NoticeStore.GridCounts> counts = store.counts(id);
        Map<String, List<NoticeStore.GridCounts>> byCommunity = new TreeMap<>();
        List<AreaCounts> grids = new ArrayList<>();
        for (NoticeStore.GridCounts g : counts) {
            grids.add(areaCounts(g.gridCode(), List.of(g)));
            if (g.communityCode() != null) {
                byCommunity.computeIfAbsent(g.communityCode(), k -> new ArrayList<>()).add(g);
            }
        }
        List<AreaCounts> communities = byCommunity.entrySet().stream()
                .map(e -> areaCounts(e.getKey(), e.getValue())).toList();
        return new NoticeDetail(n.id(), n.title(), n.text(), n.kind(), n.kind().label(), senderName(n.senderLogin()),
                n.senderUnit(), List.of(n.areaCodes().split(",")), n.perHousehold(), n.confirmBy(), n.state(),
                n.state().label(), n.createdAt(), n.finishedAt(), Counts.of(counts), communities, grids);
    }

    private AreaCounts areaCounts(String code, List<NoticeStore.GridCounts> counts) {
        Registry.AreaRef area = registry.area(code).orElse(null);
        return new AreaCounts(code, area == null ? code : area.name(), area == null ? null : area.level(),
                Counts.of(counts));
    }

    private String senderName(String login) {
        return registry.person(login).map(Registry.StaffRef::name).orElse(login);
    }

    // ------------------------------------------------------------------------------------------------ tokens

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the token, hex: what the table keeps (a leaked table holds no usable link). */
    static String hash(String token) {
        return Sha256.hex(token);
    }
}
