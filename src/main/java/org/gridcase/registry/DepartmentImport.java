package org.gridcase.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Upserts departments by code, all or nothing. */
@Service
class DepartmentImport {

    private final Departments departments;
    private final Areas areas;

    DepartmentImport(Departments departments, Areas areas) {
        this.departments = departments;
        this.areas = areas;
    }

    /** One department as the API takes it. */
    public record DepartmentInput(String code, String name, String areaCode, List<String> categories) {
    }

    record Result(int created, int updated) {
    }

    @Transactional
    public Result upsert(List<DepartmentInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw InvalidInputException.of("body", "必须是非空数组");
        }
        List<FieldProblem> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            DepartmentInput d = inputs.get(i);
            String at = "[" + i + "].";
            if (d == null) {
                errors.add(new FieldProblem("[" + i + "]", "不能为空"));
                continue;
            }
            if (d.code() == null || !AreaImport.CODE.matcher(d.code()).matches()) {
                errors.add(new FieldProblem(at + "code", "必填，只能包含字母、数字、- 和 _"));
            } else if (!seen.add(d.code())) {
                errors.add(new FieldProblem(at + "code", "编码重复"));
            }
            if (d.name() == null || d.name().isBlank() || d.name().length() > 128) {
                errors.add(new FieldProblem(at + "name", "必填，最长 128 字"));
            }
            if (d.areaCode() != null && areas.findByCode(d.areaCode()).isEmpty()) {
                errors.add(new FieldProblem(at + "areaCode", "区域 " + d.areaCode() + " 不存在"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("部门数据有误，未写入任何数据", errors);
        }
        int created = 0;
        for (DepartmentInput d : inputs) {
            Area area = d.areaCode() == null ? null : areas.findByCode(d.areaCode()).orElseThrow();
            Set<String> categories = new LinkedHashSet<>(d.categories() == null ? List.of() : d.categories());
            Department department = departments.findByCode(d.code()).orElse(null);
            if (department == null) {
                department = new Department(d.code(), d.name().strip(), area);
                created++;
            }
            department.update(d.name().strip(), area, categories);
            departments.save(department);
        }
        return new Result(created, inputs.size() - created);
    }
}
