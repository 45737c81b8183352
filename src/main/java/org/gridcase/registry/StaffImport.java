package org.gridcase.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.gridcase.registry.StaffChanged.Membership;
import org.gridcase.registry.StaffChanged.StaffMember;
import org.gridcase.support.Csv;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports staff from CSV ({@code login,name,phone,email,role,area,department}), one row per role of a person.
 * The roles in the file replace the person's roles; the Camunda user and memberships follow in the same transaction.
 */
@Service
class StaffImport {

    private static final Logger log = LoggerFactory.getLogger(StaffImport.class);
    static final List<String> COLUMNS = List.of("login", "name", "phone", "email", "role", "area", "department");
    private static final Pattern LOGIN = Pattern.compile("[a-zA-Z0-9_.-]{2,64}");
    static final Pattern PHONE = Pattern.compile("[0-9+\\-]{5,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final People people;
    private final Areas areas;
    private final Departments departments;
    private final ApplicationEventPublisher events;

    StaffImport(People people, Areas areas, Departments departments, ApplicationEventPublisher events) {
        this.people = people;
        this.areas = areas;
        this.departments = departments;
        this.events = events;
    }

    record Result(int created, int updated) {
    }

    private record Draft(String login, String name, String phone, String email, int line, List<PersonRole> roles,
            List<Membership> memberships) {
    }

    @Transactional
    public Result importCsv(String csv) {
        List<Csv.Row> rows = Csv.read(csv, List.of("login", "name", "role"));
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, Draft> drafts = new LinkedHashMap<>();
        Map<String, Area> areaCache = new HashMap<>();
        Map<String, Department> departmentCache = new HashMap<>();
        for (Csv.Row row : rows) {
            String login = row.get("login");
            String name = row.get("name");
            String phone = row.get("phone");
            String email = row.get("email");
            String roleText = Csv.upper(row.get("role"));
            String areaCode = row.get("area");
            String departmentCode = row.get("department");
            int errorsBefore = errors.size();
            if (login == null || !LOGIN.matcher(login).matches()) {
                errors.add(problem(row, "login", "必填，2-64 位字母、数字或 . _ -"));
            }
            if (name == null || name.length() > Person.NAME_LENGTH) {
                errors.add(problem(row, "name", "必填，最长 " + Person.NAME_LENGTH + " 字"));
            }
            if (phone != null && (phone.length() > Person.PHONE_LENGTH || !PHONE.matcher(phone).matches())) {
                errors.add(problem(row, "phone", "电话格式不正确"));
            }
            if (email != null && email.length() > Person.EMAIL_LENGTH) {
                errors.add(problem(row, "email", "最长 " + Person.EMAIL_LENGTH + " 个字符"));
            } else if (email != null && !EMAIL.matcher(email).matches()) {
                errors.add(problem(row, "email", "邮箱格式不正确"));
            }
            Role role = null;
            try {
                role = roleText == null ? null : Role.valueOf(roleText);
            } catch (IllegalArgumentException e) {
                role = null;
            }
            if (role == null) {
                errors.add(problem(row, "role", "必填，取值: " + List.of(Role.values())));
            }
            Area area = areaCode == null ? null
                    : areaCache.computeIfAbsent(areaCode, c -> areas.findByCode(c).orElse(null));
            Department department = departmentCode == null ? null
                    : departmentCache.computeIfAbsent(departmentCode, c -> departments.findByCode(c).orElse(null));
            if (areaCode != null && area == null) {
                errors.add(problem(row, "area", "区域 " + areaCode + " 不存在"));
            }
            if (departmentCode != null && department == null) {
                errors.add(problem(row, "department", "部门 " + departmentCode + " 不存在"));
            }
            if (role != null && role.scope() == Role.Scope.AREA && areaCode == null) {
                errors.add(problem(row, "area", role.label() + "必须指定所属区域"));
            }
            if (role != null && role.scope() == Role.Scope.DEPARTMENT && departmentCode == null) {
                errors.add(problem(row, "department", role.label() + "必须指定所属部门"));
            }
            if (errors.size() > errorsBefore) {
                continue;
            }
            Draft draft = drafts.computeIfAbsent(login,
                    l -> new Draft(l, name, phone, email, row.line(), new ArrayList<>(), new ArrayList<>()));
            if (!Objects.equals(draft.name(), name) || !Objects.equals(draft.phone(), phone)
                    || !Objects.equals(draft.email(), email)) {
                errors.add(problem(row, "login", "与第 " + draft.line() + " 行同一账号的姓名、电话或邮箱不一致"));
                continue;
            }
            draft.roles().add(new PersonRole(role, area, department));
            draft.memberships().add(new Membership(role, areaCode, departmentCode));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("人员 CSV 有 " + errors.size() + " 处错误，未写入任何数据", errors);
        }

        Map<String, Person> existing = new HashMap<>();
        people.findByLoginIn(drafts.keySet()).forEach(p -> existing.put(p.getLogin(), p));
        int created = 0;
        List<StaffMember> members = new ArrayList<>();
        for (Draft d : drafts.values()) {
            Person person = existing.get(d.login());
            if (person == null) {
                person = new Person(d.login());
                created++;
            }
            person.update(d.name(), d.phone(), d.email());
            person.replaceRoles(d.roles());
            people.save(person);
            members.add(new StaffMember(d.login(), d.name(), d.phone(), d.email(), List.copyOf(d.memberships())));
        }
        people.flush();
        events.publishEvent(new StaffChanged(members));
        log.info("Staff import: {} people ({} new)", drafts.size(), created);
        return new Result(created, drafts.size() - created);
    }

    static FieldProblem problem(Csv.Row row, String column, String message) {
        return new FieldProblem("row " + row.line() + "." + column, message);
    }
}
