package org.gridcase.request;

import static org.gridcase.casefile.CaseVariables.*;
import static org.gridcase.casefile.IntakeChecks.blankToNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStarts;
import org.gridcase.casefile.Channel;
import org.gridcase.casefile.IntakeChecks;
import org.gridcase.casefile.NewCase;
import org.gridcase.casefile.Urgency;
import org.gridcase.registry.Registry;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.stereotype.Service;

/**
 * Collects a request (收集): validates it, then the shared case start ({@link CaseStarts#start}) registers the case
 * and starts {@code request.bpmn} with the tracking number as business key, in one transaction, so a case row without
 * its process (or the reverse) cannot exist.
 */
@Service
public class RequestIntake {

    private static final Pattern PHONE = Pattern.compile("[0-9+\\-]{5,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Registry registry;
    private final CaseStarts starts;
    private final RequestKind kind;

    RequestIntake(Registry registry, CaseStarts starts, RequestKind kind) {
        this.registry = registry;
        this.starts = starts;
        this.kind = kind;
    }

    /** A request as the API takes it: strings, so every bad field can be named at once. */
    public record RequestInput(String category, String description, String channel, String urgency,
            Location location, String address, String gridCode, Reporter reporter, String externalId) {
    }

    public record Location(Double lat, Double lng) {
    }

    public record Reporter(String name, String phone, String email) {
    }

    /** The registered case, and whether this call created it (false: the same externalId came before). */
    public record Intake(CaseFile file, boolean created, ProcessInstance process) {
    }

    /** Registers as a caller the registry knows by login alone (engine tests, trusted callers). */
    public Intake submit(RequestInput in, String actor) {
        return submit(in, new CaseAccess.Caller(actor, Set.of()));
    }

    /**
     * Registers the request and starts {@code request.bpmn} through the shared case start, or answers the case
     * registered before under the same {@code externalId} ({@link CaseStarts}: the same request, and a caller who may
     * see that case; otherwise 409).
     */
    public Intake submit(RequestInput in, CaseAccess.Caller caller) {
        if (in == null) {
            throw InvalidInputException.of("body", "请求体不能为空");
        }
        NewCase validated = validate(in);
        CaseStarts.Started started = starts.start(kind, validated, caller,
                Channel.valueOf(validated.channel().name()).label() + "受理",
                file -> Map.of(CATEGORY_NAME, Categories.name(file.getCategory()).orElse(file.getCategory())));
        return new Intake(started.file(), started.created(), started.process());
    }

    private NewCase validate(RequestInput in) {
        List<FieldProblem> errors = new ArrayList<>();
        String category = in.category() == null ? null : in.category().strip().toUpperCase(Locale.ROOT);
        if (category == null || Categories.name(category).isEmpty()) {
            errors.add(new FieldProblem("category", "必填，取值见诉求分类目录，例如 SANITATION、NOISE"));
        }
        String description = in.description() == null ? null : in.description().strip();
        if (description == null || description.isEmpty() || description.length() > CaseFile.DESCRIPTION_LENGTH) {
            errors.add(new FieldProblem("description", "必填，最长 " + CaseFile.DESCRIPTION_LENGTH + " 字"));
        }
        Channel channel = parse(Channel.class, in.channel(), "channel", true, errors);
        Urgency urgency = parse(Urgency.class, in.urgency(), "urgency", false, errors);
        Double lat = in.location() == null ? null : in.location().lat();
        Double lng = in.location() == null ? null : in.location().lng();
        String address = IntakeChecks.address(in.address(), errors);
        String gridCode = blankToNull(in.gridCode());
        boolean point = IntakeChecks.coordinates(in.location() != null, lat, lng, errors);
        if (in.location() == null && address == null && gridCode == null) {
            errors.add(new FieldProblem("location", "位置（location）、地址（address）、网格编码（gridCode）至少填一项"));
        }
        if (gridCode != null) {
            Optional<String> grid = registry.gridOf(gridCode);
            if (grid.isEmpty()) {
                errors.add(new FieldProblem("gridCode", registry.area(gridCode).isEmpty()
                        ? "网格 " + gridCode + " 不存在" : gridCode + " 不是网格或微网格"));
            }
            gridCode = grid.orElse(null);
        }
        if (gridCode == null && point) {
            gridCode = registry.gridAt(lat, lng).orElse(null);
            if (gridCode == null) {
                errors.add(new FieldProblem("location", "该位置不在本辖区任何网格内"));
            }
        }
        Reporter reporter = in.reporter();
        String name = reporter == null ? null : blankToNull(reporter.name());
        String phone = reporter == null ? null : blankToNull(reporter.phone());
        String email = reporter == null ? null : blankToNull(reporter.email());
        if (name == null || name.length() > CaseFile.REPORTER_NAME_LENGTH) {
            errors.add(new FieldProblem("reporter.name",
                    "必填，最长 " + CaseFile.REPORTER_NAME_LENGTH + " 字（匿名请填“匿名”）"));
        }
        if (phone == null || phone.length() > CaseFile.REPORTER_PHONE_LENGTH || !PHONE.matcher(phone).matches()) {
            errors.add(new FieldProblem("reporter.phone", "必填，回访需要联系电话"));
        }
        if (email != null && email.length() > CaseFile.REPORTER_EMAIL_LENGTH) {
            errors.add(new FieldProblem("reporter.email", "最长 " + CaseFile.REPORTER_EMAIL_LENGTH + " 个字符"));
        } else if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldProblem("reporter.email", "邮箱格式不正确"));
        }
        String externalId = IntakeChecks.externalId(in.externalId(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("诉求有 " + errors.size() + " 处错误，未登记", errors);
        }
        Urgency effectiveUrgency = urgency == null ? Urgency.NORMAL : urgency;
        String fingerprint = externalId == null ? null : CaseStarts.fingerprint(category, description, channel,
                effectiveUrgency, lat, lng, address, blankToNull(in.gridCode()), name, phone,
                email == null ? null : email.toLowerCase(Locale.ROOT));
        return new NewCase(channel, category, description, effectiveUrgency, lat, lng, address, gridCode, name,
                phone, email, externalId, fingerprint);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, boolean required,
            List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldProblem(field, "必填，取值: " + List.of(type.getEnumConstants())));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem(field, "取值: " + List.of(type.getEnumConstants())));
            return null;
        }
    }


}
