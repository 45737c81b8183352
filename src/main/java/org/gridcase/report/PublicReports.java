package org.gridcase.report;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridcase.attachment.Attachments;
import org.gridcase.casefile.CaseEvent;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.Registry;
import org.gridcase.request.Categories;
import org.gridcase.request.RequestIntake;
import org.gridcase.support.BusinessClock;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.gridcase.support.Masking;
import org.gridcase.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public report page's one service: what the page offers (categories by group, the grids' outlines, the grid a
 * QR code presets), the duplicate hint, filing a report (a request case with its photos, in one transaction) and the
 * status a reporter or follower reads with the key of the link. Nothing here shows a reporter's personal data or a
 * staff member's name.
 */
@Service
class PublicReports {

    private static final Logger log = LoggerFactory.getLogger(PublicReports.class);

    /** Who filed it, as the case's timeline and forms show it. */
    static final String ACTOR = "群众随手拍";
    static final int DESCRIPTION_LENGTH = 1000;

    private final RequestIntake intake;
    private final Attachments attachments;
    private final Cases cases;
    private final Registry registry;
    private final JdbcTemplate jdbc;
    private final AbuseGuard guard;
    private final ReportProperties properties;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    PublicReports(RequestIntake intake, Attachments attachments, Cases cases, Registry registry, JdbcTemplate jdbc,
            AbuseGuard guard, ReportProperties properties, PlatformTransactionManager transactionManager) {
        this.intake = intake;
        this.attachments = attachments;
        this.cases = cases;
        this.registry = registry;
        this.jdbc = jdbc;
        this.guard = guard;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    // ------------------------------------------------------------------ what the page offers

    record Category(String code, String name) {
    }

    record CategoryGroup(String name, List<Category> categories) {
    }

    record PresetGrid(String code, String name, String communityName) {
    }

    record Form(List<CategoryGroup> groups, PresetGrid grid, int maxPhotos) {
    }

    Form form(String gridCode) {
        Map<String, List<Category>> groups = new LinkedHashMap<>();
        for (String code : Categories.codes()) {
            groups.computeIfAbsent(Categories.group(code), g -> new ArrayList<>())
                    .add(new Category(code, Categories.name(code).orElse(code)));
        }
        PresetGrid preset = null;
        if (gridCode != null && !gridCode.isBlank()) {
            preset = registry.gridOf(gridCode.strip()).flatMap(registry::area).map(grid -> new PresetGrid(grid.code(),
                    grid.name(), grid.parentCode() == null ? null
                            : registry.area(grid.parentCode()).map(Registry.AreaRef::name).orElse(null)))
                    .orElse(null);
        }
        return new Form(groups.entrySet().stream().map(e -> new CategoryGroup(e.getKey(), e.getValue())).toList(),
                preset, properties.maxPhotos());
    }

    List<Registry.GridOutline> map() {
        return registry.gridOutlines(null);
    }

    // ------------------------------------------------------------------ duplicate hint

    record Nearby(String trackingNumber, String categoryName, String status, int distanceMeters, Instant receivedAt) {
    }

    /** Open cases of the same category near the point: only their number, category, status and distance. */
    List<Nearby> nearby(String category, Double lat, Double lng) {
        List<FieldProblem> errors = new ArrayList<>();
        String code = category(category, errors);
        point(lat, lng, true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("查询条件有误", errors);
        }
        int radius = properties.radiusFor(code);
        double dLat = radius / 111_000.0;
        double dLng = radius / (111_000.0 * Math.max(0.1, Math.cos(Math.toRadians(lat))));
        List<String> open = EnumSet.allOf(CaseStatus.class).stream().filter(s -> !s.finished()).map(Enum::name)
                .toList();
        String in = String.join(",", open.stream().map(s -> "?").toList());
        List<Object> args = new ArrayList<>(List.of(code, lat - dLat, lat + dLat, lng - dLng, lng + dLng));
        args.addAll(open);
        List<Nearby> found = new ArrayList<>(jdbc.query("select tracking_number, status, lat, lng, created_at "
                + "from case_file where category = ? and lat between ? and ? and lng between ? and ? and status in ("
                + in + ") order by created_at desc limit 50", (rs, i) -> {
                    int distance = (int) Math.round(meters(lat, lng, rs.getDouble("lat"), rs.getDouble("lng")));
                    return new Nearby(rs.getString("tracking_number"), Categories.name(code).orElse(code),
                            CaseStatus.valueOf(rs.getString("status")).label(), distance,
                            rs.getTimestamp("created_at").toInstant());
                }, args.toArray()));
        found.removeIf(n -> n.distanceMeters() > radius);
        found.sort(java.util.Comparator.comparingInt(Nearby::distanceMeters));
        return found.size() > 5 ? found.subList(0, 5) : found;
    }

    // ------------------------------------------------------------------ filing

    /** What the page sends; strings, so every bad field can be named at once. */
    record ReportForm(String category, String description, Double lat, Double lng, String address, String gridCode,
            String phone, String name, String challenge, String nonce) {
    }

    record Filed(String trackingNumber, String statusUrl, String gridName, int photos) {
    }

    Filed file(ReportForm form, List<? extends InputStreamSource> photos, List<String> photoNames, String ip) {
        guard.admitAddress(ip);
        List<FieldProblem> errors = new ArrayList<>();
        String code = category(form.category(), errors);
        String description = form.description() == null ? "" : form.description().strip();
        if (description.isEmpty() || description.length() > DESCRIPTION_LENGTH) {
            errors.add(new FieldProblem("description", "请描述问题，最多 " + DESCRIPTION_LENGTH + " 字"));
        }
        boolean hasPoint = point(form.lat(), form.lng(), false, errors);
        String address = form.address() == null || form.address().isBlank() ? null : form.address().strip();
        String gridCode = form.gridCode() == null || form.gridCode().isBlank() ? null : form.gridCode().strip();
        if (photos.size() > properties.maxPhotos()) {
            errors.add(new FieldProblem("photos", "最多上传 " + properties.maxPhotos() + " 张照片"));
        }
        String phone = form.phone() == null ? "" : form.phone().strip();
        if (!phone.matches("1[3-9]\\d{9}")) {
            errors.add(new FieldProblem("phone", "请填写 11 位手机号，用于回访和评价"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("提交内容有误", errors);
        }
        guard.verify(form.challenge(), form.nonce());
        guard.admitPhone(phone);
        // every photo checked before anything is written; a photo's EXIF position stands in for a missing one
        List<Attachments.CheckedPhoto> checked = attachments.checkPhotos("photos", photos, photoNames);
        Double lat = form.lat();
        Double lng = form.lng();
        if (!hasPoint && address == null && gridCode == null) {
            Optional<Attachments.CheckedPhoto> located = checked.stream().filter(p -> p.lat() != null).findFirst();
            if (located.isEmpty()) {
                throw InvalidInputException.of("location", "请用手机定位、在地图上点选位置，或填写地址");
            }
            lat = located.get().lat();
            lng = located.get().lng();
        }
        String name = form.name() == null || form.name().isBlank() ? "匿名" : form.name().strip();
        RequestIntake.RequestInput input = new RequestIntake.RequestInput(code, description,
                gridCode != null ? "QR_CODE" : "APP", null,
                lat == null ? null : new RequestIntake.Location(lat, lng), address, gridCode,
                new RequestIntake.Reporter(name, phone, null), null);
        String key = newKey();
        Double reportLat = lat;
        Filed filed = transactions.execute(status -> {
            RequestIntake.Intake registered = intake.submit(input, ACTOR);
            String tn = registered.file().getTrackingNumber();
            attachments.attachReported(tn, ACTOR, checked);
            grant(tn, key, "REPORTER");
            String grid = registered.file().getGridCode() == null ? null
                    : registry.area(registered.file().getGridCode()).map(Registry.AreaRef::name).orElse(null);
            return new Filed(tn, statusUrl(tn, key), grid, checked.size());
        });
        log.info("Public report {} filed: {} photo(s), location {}, reporter {}", filed.trackingNumber(),
                filed.photos(), reportLat != null ? "point" : address != null ? "address" : "grid",
                Masking.phone(phone));
        return filed;
    }

    /** Following an open case instead of filing a duplicate: a key of one's own for its status page. */
    String follow(String trackingNumber, String challenge, String nonce, String ip) {
        guard.admitAddress(ip);
        guard.verify(challenge, nonce);
        CaseFile file = cases.find(trackingNumber == null ? "" : trackingNumber.strip())
                .filter(f -> !f.getStatus().finished())
                .orElseThrow(() -> new NotFoundException("没有找到仍在办理中的该编号案件"));
        String key = newKey();
        transactions.executeWithoutResult(status -> grant(file.getTrackingNumber(), key, "FOLLOWER"));
        return statusUrl(file.getTrackingNumber(), key);
    }

    // ------------------------------------------------------------------ status

    record Step(Instant at, String what) {
    }

    record Status(String trackingNumber, String categoryName, String status, boolean finished, Instant receivedAt,
            String gridName, Instant expectedBy, List<Step> steps, String surveyUrl) {
    }

    /** What the reporter reads: no staff names, no notes, nobody's personal data; an unknown key reads as unknown. */
    Status status(String trackingNumber, String key) {
        CaseFile file = Optional.ofNullable(trackingNumber).flatMap(cases::find)
                .filter(f -> key != null && key.length() <= 64 && knows(f.getTrackingNumber(), key))
                .orElseThrow(() -> new NotFoundException("链接无效：没有找到该编号的反映，请检查短信或页面中的链接"));
        List<Step> steps = new ArrayList<>();
        for (CaseEvent e : cases.timeline(file)) {
            if (PUBLIC_STEPS.contains(e.getType())) {
                steps.add(new Step(e.getAt(), e.getType().label()));
            }
        }
        String survey = file.getStatus() == CaseStatus.SURVEY ? jdbc.query("select token from survey_token where "
                + "tracking_number = ? and answered_at is null and expires_at > ? order by created_at desc",
                rs -> rs.next() ? "/survey/" + rs.getString(1) : null, file.getTrackingNumber(),
                Timestamp.from(BusinessClock.now())) : null;
        String grid = file.getGridCode() == null ? null
                : registry.area(file.getGridCode()).map(Registry.AreaRef::name).orElse(null);
        return new Status(file.getTrackingNumber(), Categories.name(file.getCategory()).orElse(file.getCategory()),
                file.getStatus().label(), file.getStatus().finished(), file.getCreatedAt(), grid,
                file.getStatus().finished() ? null : file.getHandlingDueAt(), steps, survey);
    }

    /** The steps a reporter sees, by their labels only (登记, 派单, 办理完成 …): never who, never the note. */
    private static final Set<CaseEventType> PUBLIC_STEPS = EnumSet.complementOf(EnumSet.of(CaseEventType.ATTACHED));

    // ------------------------------------------------------------------ helpers

    private void grant(String trackingNumber, String key, String kind) {
        jdbc.update("insert into report_access (tracking_number, key_hash, kind, created_at) values (?, ?, ?, ?)",
                trackingNumber, hash(key), kind, Timestamp.from(BusinessClock.now()));
    }

    private boolean knows(String trackingNumber, String key) {
        Integer n = jdbc.queryForObject("select count(*) from report_access where tracking_number = ? and key_hash = ?",
                Integer.class, trackingNumber, hash(key));
        return n != null && n > 0;
    }

    private String newKey() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String key) {
        return HexFormat.of().formatHex(AbuseGuard.sha256(key));
    }

    private static String statusUrl(String trackingNumber, String key) {
        return "/report/" + trackingNumber + "?k=" + key;
    }

    private static String category(String category, List<FieldProblem> errors) {
        String code = category == null ? null : category.strip().toUpperCase(Locale.ROOT);
        if (code == null || Categories.name(code).isEmpty()) {
            errors.add(new FieldProblem("category", "请选择问题类别"));
            return null;
        }
        return code;
    }

    private static boolean point(Double lat, Double lng, boolean required, List<FieldProblem> errors) {
        if (lat == null && lng == null) {
            if (required) {
                errors.add(new FieldProblem("location", "需要位置（lat、lng）"));
            }
            return false;
        }
        if (lat == null || lng == null || !Double.isFinite(lat) || !Double.isFinite(lng) || lat < -90 || lat > 90
                || lng < -180 || lng > 180) {
            errors.add(new FieldProblem("location", "位置无效：纬度 -90～90，经度 -180～180"));
            return false;
        }
        return true;
    }

    private static double meters(double lat1, double lng1, double lat2, double lng2) {
        double r = 6_371_000;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }
}
