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

    /** More categories than the catalogue has is certainly a mistake (or a flood). */
    static final int MAX_CATEGORIES = 64;

    private final CategoryCatalogue catalogue;

    DepartmentImport(Departments departments, Areas areas, CategoryCatalogue catalogue) {
        this.departments = departments;
        this.areas = areas;
        this.catalogue = catalogue;
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
            checkCategories(d.categories(), at + "categories", errors);
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

    /** Known catalogue codes, each once, at most {@link #MAX_CATEGORIES}; the first bad one is named. */
    private void checkCategories(List<String> categories, String field, List<FieldProblem> errors) {
        if (categories == null) {
            return;
        }
        if (categories.size() > MAX_CATEGORIES) {
            errors.add(new FieldProblem(field, "最多 " + MAX_CATEGORIES + " 个分类"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            String code = categories.get(i);
            if (!catalogue.isKnown(code)) {
                errors.add(new FieldProblem(field + "[" + i + "]", "分类 " + shortened(code) + " 不在派单目录中"));
                return;
            }
            if (!seen.add(code)) {
                errors.add(new FieldProblem(field + "[" + i + "]", "分类 " + code + " 重复"));
                return;
            }
        }
    }

    private static String shortened(String code) {
        return code == null ? "（空）" : code.length() > 32 ? code.substring(0, 32) + "…" : code;
    }
}
