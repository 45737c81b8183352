package org.gridcase.open311;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.Registry;
import org.gridcase.request.RequestIntake;
import org.gridcase.support.BusinessClock;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gridcase.open311.ServiceCatalogue.Attribute;
import org.gridcase.open311.ServiceCatalogue.Datatype;

/**
 * GeoReport requests as GridCase cases. A POST is checked field by field (every fault named, GeoReport's names),
 * then becomes a request case through {@link RequestIntake} (channel OPEN311) in one transaction with its Open311
 * row and the media link's line on the timeline: a refusal leaves nothing, a case never lacks its process. Reads
 * answer only cases that came in through Open311, and only what a case may show the public: no reporter's name,
 * phone, e-mail, device or account id.
 */
@Service
class Open311Service {

    static final int MAX_RESULTS = 1000;
    static final Duration DEFAULT_SPAN = Duration.ofDays(90);
    static final int NAME_LENGTH = CaseFile.REPORTER_NAME_LENGTH;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([A-Za-z0-9_\\-]{1,64})\\](\\[\\])?");
    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}]");
    private static final Set<String> FIELDS = Set.of("api_key", "jurisdiction_id", "service_code", "lat", "long",
            "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
            "description", "media_url");

    private final ServiceCatalogue catalogue;
    private final RequestIntake intake;
    private final Open311Requests requests;
    private final Cases cases;
    private final Registry registry;
    private final Open311Properties properties;
    private final TransactionTemplate transactions;
    private final ObjectMapper json = new ObjectMapper();

    Open311Service(ServiceCatalogue catalogue, RequestIntake intake, Open311Requests requests, Cases cases,
            Registry registry, Open311Properties properties, PlatformTransactionManager transactionManager) {
        this.catalogue = catalogue;
        this.intake = intake;
        this.requests = requests;
        this.cases = cases;
        this.registry = registry;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    record Submitted(String serviceRequestId, String token, String serviceNotice, String accountId) {
    }

    /** An Open311 request and the case it became. */
    record Row(Open311Request request, CaseFile file) {
    }

    // ---------------------------------------------------------------- POST requests

    Submitted submit(ApiKey key, Map<String, String[]> params) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            if (p.getValue().length > 1 && FIELDS.contains(p.getKey())) {
                errors.add(p.getKey() + ": 只能出现一次");
            }
        }
        String code = text(params, "service_code");
        Optional<ServiceCatalogue.Service> service = catalogue.service(code);
        if (code == null) {
            errors.add("service_code: 必填，取值见 services.xml");
        } else if (service.isEmpty()) {
            errors.add("service_code: 未知的服务代码 " + clip(code));
        }
        Double lat = number(params, "lat", -90, 90, "纬度应为 -90 到 90 之间的数（WGS-84）", errors);
        Double lng = number(params, "long", -180, 180, "经度应为 -180 到 180 之间的数（WGS-84）", errors);
        if ((lat == null) != (lng == null) && !errors.stream().anyMatch(e -> e.startsWith("lat") || e.startsWith("long"))) {
            errors.add((lat == null ? "lat" : "long") + ": lat 与 long 须同时提供");
        }
        String address = limited(params, "address_string", CaseFile.ADDRESS_LENGTH, errors);
        String addressId = limited(params, "address_id", Open311Request.ADDRESS_ID_LENGTH, errors);
        String gridCode = null;
        if (addressId != null) {
            gridCode = registry.gridOfBuilding(addressId).orElse(null);
            if (gridCode == null) {
                errors.add("address_id: 未登记的楼栋编码 " + clip(addressId));
            }
        }
        if (text(params, "lat") == null && text(params, "long") == null && address == null
                && text(params, "address_id") == null) {
            errors.add("lat: 须提供位置：lat 与 long，或 address_string，或 address_id");
        }
        String email = limited(params, "email", CaseFile.REPORTER_EMAIL_LENGTH, errors);
        String phone = limited(params, "phone", CaseFile.REPORTER_PHONE_LENGTH, errors);
        if (text(params, "phone") == null) {
            errors.add("phone: 必填，办理后须电话回访反映人（GridCase 不受理无法回访的诉求）");
        }
        String deviceId = limited(params, "device_id", Open311Request.DEVICE_ID_LENGTH, errors);
        String accountId = limited(params, "account_id", Open311Request.ACCOUNT_ID_LENGTH, errors);
        String name = name(limited(params, "first_name", NAME_LENGTH, errors),
                limited(params, "last_name", NAME_LENGTH, errors));
        if (name.length() > NAME_LENGTH) {
            errors.add("first_name: first_name 与 last_name 合计最长 " + NAME_LENGTH + " 字");
        }
        String description = limited(params, "description", CaseFile.DESCRIPTION_LENGTH, errors);
        String mediaUrl = mediaUrl(limited(params, "media_url", Open311Request.MEDIA_URL_LENGTH, errors), errors);
        Map<String, List<String>> answers = service.map(s -> attributes(s, params, errors)).orElse(Map.of());
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }

        String caseDescription = caseDescription(service.get(), description, answers);
        if (caseDescription.length() > CaseFile.DESCRIPTION_LENGTH) {
            throw new Open311Exception(400, "description: 描述连同附加信息（attribute）最长 "
                    + CaseFile.DESCRIPTION_LENGTH + " 字");
        }
        String attributesJson = answers.isEmpty() ? null : write(answers);
        if (attributesJson != null && attributesJson.length() > Open311Request.ATTRIBUTES_LENGTH) {
            throw new Open311Exception(400, "attribute: 附加信息合计过长");
        }
        String actor = clip("open311:" + key.getClient(), CaseFile.CODE_LENGTH);
        String token = UUID.randomUUID().toString();
        RequestIntake.RequestInput input = new RequestIntake.RequestInput(code, caseDescription, "OPEN311", null,
                lat == null ? null : new RequestIntake.Location(lat, lng), address, gridCode,
                new RequestIntake.Reporter(name, phone, email), null);
        try {
            return transactions.execute(status -> {
                RequestIntake.Intake registered = intake.submit(input, new CaseAccess.Caller(actor, Set.of()));
                CaseFile file = registered.file();
                requests.save(new Open311Request(file.getTrackingNumber(), token, code, key.getId(), mediaUrl,
                        addressId, accountId, deviceId, attributesJson, file.getCreatedAt()));
                if (mediaUrl != null) {
                    cases.record(file.getTrackingNumber(), actor, CaseEventType.ATTACHED,
                            "Open311 图片链接（平台未下载，核实后再打开）：" + mediaUrl);
                }
                return new Submitted(file.getTrackingNumber(), token, service.get().notice(), accountId);
            });
        } catch (InvalidInputException e) {
            throw new Open311Exception(400, e.errors().stream().map(Open311Service::open311Field).toList());
        }
    }

    /** The intake's field names, as a GeoReport client sent them. */
    private static String open311Field(FieldProblem problem) {
        String field = switch (problem.field()) {
            case "location", "location.lat" -> "lat";
            case "location.lng" -> "long";
            case "address" -> "address_string";
            case "gridCode" -> "address_id";
            case "category" -> "service_code";
            case "reporter.phone" -> "phone";
            case "reporter.email" -> "email";
            case "reporter.name" -> "first_name";
            default -> problem.field();
        };
        return field + ": " + problem.message();
    }

    private Map<String, List<String>> attributes(ServiceCatalogue.Service service, Map<String, String[]> params,
            List<String> errors) {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            if (!p.getKey().startsWith("attribute")) {
                continue;
            }
            Matcher m = ATTRIBUTE.matcher(p.getKey());
            if (!m.matches()) {
                errors.add(clip(p.getKey()) + ": 附加信息须写作 attribute[code] 或 attribute[code][]");
                continue;
            }
            sent.computeIfAbsent(m.group(1), c -> new ArrayList<>()).addAll(List.of(p.getValue()));
        }
        if (sent.size() > properties.maxAttributes()) {
            errors.add("attribute: 附加信息最多 " + properties.maxAttributes() + " 项");
            return Map.of();
        }
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (String code : sent.keySet()) {
            Optional<Attribute> known = service.attributes().stream().filter(a -> a.code().equals(code)).findFirst();
            if (known.isEmpty()) {
                errors.add("attribute[" + code + "]: 服务 " + service.code() + " 没有此附加信息");
            } else if (!known.get().variable()) {
                errors.add("attribute[" + code + "]: 仅供提示，不接受填写");
            }
        }
        for (Attribute attribute : service.attributes()) {
            if (!attribute.variable()) {
                continue;
            }
            String field = "attribute[" + attribute.code() + "]";
            List<String> values = sent.getOrDefault(attribute.code(), List.of()).stream()
                    .map(v -> v == null ? "" : v.strip()).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                if (attribute.required()) {
                    errors.add(field + ": 必填（" + attribute.description() + "）");
                }
                continue;
            }
            if (values.size() > 1 && attribute.datatype() != Datatype.MULTIVALUELIST) {
                errors.add(field + ": 只能有一个值");
                continue;
            }
            if (check(attribute, values, field, errors)) {
                answers.put(attribute.code(), values);
            }
        }
        return answers;
    }

    private static boolean check(Attribute attribute, List<String> values, String field, List<String> errors) {
        String value = values.get(0);
        switch (attribute.datatype()) {
            case STRING, TEXT -> {
                if (value.length() > attribute.maxLength()) {
                    errors.add(field + ": 最长 " + attribute.maxLength() + " 字");
                    return false;
                }
            }
            case NUMBER -> {
                double n;
                try {
                    n = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    n = Double.NaN;
                }
                if (!(n >= attribute.min() && n <= attribute.max())) {
                    errors.add(field + ": 应为 " + plain(attribute.min()) + " 到 " + plain(attribute.max()) + " 之间的数");
                    return false;
                }
            }
            case DATETIME -> {
                if (value.length() > 40 || parseTime(value) == null) {
                    errors.add(field + ": 应为带时区的 ISO-8601 日期时间，例如 2026-12-01T22:30:00+08:00");
                    return false;
                }
            }
            case SINGLEVALUELIST, MULTIVALUELIST -> {
                Set<String> seen = new LinkedHashSet<>();
                for (String key : values) {
                    if (attribute.value(key).isEmpty()) {
                        errors.add(field + ": 取值应为 " + attribute.values().stream().map(ServiceCatalogue.Value::key)
                                .toList() + " 之一");
                        return false;
                    }
                    if (!seen.add(key)) {
                        errors.add(field + ": 取值 " + key + " 重复");
                        return false;
                    }
                }
            }
            default -> throw new IllegalStateException("datatype " + attribute.datatype());
        }
        return true;
    }

    private static String caseDescription(ServiceCatalogue.Service service, String description,
            Map<String, List<String>> answers) {
        StringBuilder text = new StringBuilder(description == null ? service.name() : description);
        if (!answers.isEmpty()) {
            text.append("\n【附加信息】");
            for (Attribute attribute : service.attributes()) {
                List<String> values = answers.get(attribute.code());
                if (values == null) {
                    continue;
                }
                List<String> shown = attribute.datatype().list()
                        ? values.stream().map(v -> attribute.value(v).orElseThrow().name()).toList() : values;
                text.append('\n').append(attribute.description()).append(' ').append(String.join("、", shown));
            }
        }
        return text.toString();
    }

    // ---------------------------------------------------------------- reads

    Optional<Row> one(String serviceRequestId) {
        if (serviceRequestId == null || serviceRequestId.length() > Open311Request.TRACKING_NUMBER_LENGTH) {
            return Optional.empty();
        }
        return rows(requests.withCases(List.of(serviceRequestId), PageRequest.ofSize(1))).stream().findFirst();
    }

    Optional<Open311Request> byToken(String token) {
        if (token == null || token.length() > Open311Request.TOKEN_LENGTH) {
            return Optional.empty();
        }
        return requests.findByToken(token);
    }

    /** GET requests: an id list overrides every other filter; otherwise a span of at most 90 days, newest first. */
    List<Row> list(Map<String, String[]> params) {
        List<String> errors = new ArrayList<>();
        String ids = text(params, "service_request_id");
        PageRequest limit = PageRequest.ofSize(MAX_RESULTS);
        if (ids != null) {
            Set<String> wanted = new LinkedHashSet<>();
            for (String id : ids.split(",")) {
                if (!id.isBlank()) {
                    wanted.add(id.strip());
                }
            }
            if (wanted.size() > MAX_RESULTS) {
                throw new Open311Exception(400, "service_request_id: 最多 " + MAX_RESULTS + " 个");
            }
            return wanted.isEmpty() ? List.of() : rows(requests.withCases(wanted, limit));
        }
        Set<String> services = new LinkedHashSet<>();
        String codes = text(params, "service_code");
        if (codes != null) {
            for (String code : codes.split(",")) {
                String c = code.strip();
                if (catalogue.service(c).isEmpty()) {
                    errors.add("service_code: 未知的服务代码 " + clip(c));
                }
                services.add(c);
            }
        }
        Instant start = time(params, "start_date", errors);
        Instant end = time(params, "end_date", errors);
        Set<CaseStatus> statuses = EnumSet.noneOf(CaseStatus.class);
        String status = text(params, "status");
        if (status == null) {
            statuses = EnumSet.allOf(CaseStatus.class);
        } else {
            for (String s : status.split(",")) {
                switch (s.strip().toLowerCase(Locale.ROOT)) {
                    case "open" -> statuses.addAll(statuses(false));
                    case "closed" -> statuses.addAll(statuses(true));
                    default -> errors.add("status: 取值应为 open 或 closed（可用逗号分隔）");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }
        if (start == null && end == null) {
            end = BusinessClock.now();
            start = end.minus(DEFAULT_SPAN);
        } else if (start == null) {
            start = end.minus(DEFAULT_SPAN);
        } else if (end == null) {
            end = start.plus(DEFAULT_SPAN);
        }
        if (end.isBefore(start)) {
            throw new Open311Exception(400, "end_date: 不能早于 start_date");
        }
        if (Duration.between(start, end).compareTo(DEFAULT_SPAN) > 0) {
            throw new Open311Exception(400, "end_date: start_date 到 end_date 不能超过 90 天");
        }
        return rows(requests.search(start, end, services.isEmpty(), services.isEmpty() ? Set.of("-") : services,
                statuses, limit));
    }

    /** Who handles the case as the public may know it: the department's name, else the grid's. */
    String agency(CaseFile file, Map<String, String> cache) {
        if (file.getDepartmentCode() != null) {
            return cache.computeIfAbsent("D:" + file.getDepartmentCode(), k -> registry
                    .department(file.getDepartmentCode()).map(Registry.DepartmentRef::name).orElse(null));
        }
        if (file.getGridCode() != null) {
            return cache.computeIfAbsent("A:" + file.getGridCode(),
                    k -> registry.area(file.getGridCode()).map(Registry.AreaRef::name).orElse(null));
        }
        return null;
    }

    Map<String, String> newAgencyCache() {
        return new HashMap<>();
    }

    Optional<ServiceCatalogue.Service> service(String code) {
        return catalogue.service(code);
    }

    List<ServiceCatalogue.Service> services() {
        return catalogue.all();
    }

    private static List<Row> rows(List<Object[]> found) {
        return found.stream().map(r -> new Row((Open311Request) r[0], (CaseFile) r[1])).toList();
    }

    private static Set<CaseStatus> statuses(boolean finished) {
        Set<CaseStatus> set = EnumSet.noneOf(CaseStatus.class);
        for (CaseStatus s : CaseStatus.values()) {
            if (s.finished() == finished) {
                set.add(s);
            }
        }
        return set;
    }

    // ---------------------------------------------------------------- field readers

    static String text(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        if (values == null || values.length == 0 || values[0] == null || values[0].isBlank()) {
            return null;
        }
        return values[0].strip();
    }

    private static String limited(Map<String, String[]> params, String name, int max, List<String> errors) {
        String value = text(params, name);
        if (value != null && value.length() > max) {
            errors.add(name + ": 最长 " + max + " 个字符");
            return null;
        }
        return value;
    }

    private static Double number(Map<String, String[]> params, String name, double min, double max, String message,
            List<String> errors) {
        String value = text(params, name);
        if (value == null) {
            return null;
        }
        double n;
        try {
            n = value.length() > 40 ? Double.NaN : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            n = Double.NaN;
        }
        if (!(n >= min && n <= max)) {
            errors.add(name + ": " + message);
            return null;
        }
        return n;
    }

    private static Instant time(Map<String, String[]> params, String name, List<String> errors) {
        String value = text(params, name);
        if (value == null) {
            return null;
        }
        Instant at = value.length() > 40 ? null : parseTime(value);
        if (at == null) {
            errors.add(name + ": 应为带时区的 W3C 日期时间，例如 2026-12-01T08:00:00+08:00");
        }
        return at;
    }

    /** A W3C date-time with its offset, in years 1970 to 9999 (beyond them no date can be stored or compared). */
    private static Instant parseTime(String value) {
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            return at.isBefore(EARLIEST) || at.isAfter(LATEST) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    /** A link to the reporter's media, kept as text and never fetched: only absolute http(s) URLs, no credentials. */
    private static String mediaUrl(String value, List<String> errors) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // named below
        }
        errors.add("media_url: 应为 http 或 https 开头的完整网址（不含用户名密码）");
        return null;
    }

    private static String name(String first, String last) {
        if (first == null && last == null) {
            return "匿名";
        }
        String f = first == null ? "" : first;
        String l = last == null ? "" : last;
        boolean chinese = CJK.matcher(f + l).find();
        return chinese ? l + f : (f + " " + l).strip();
    }

    private String write(Map<String, List<String>> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always writable", e);
        }
    }

    private static String clip(String s) {
        return clip(s, 64);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
