package org.gridcase.registry;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A functional department (职能部门) and the request categories it handles. */
@Entity
@Table(name = "department")
public class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String code;

    @Column(nullable = false, length = 128)
    private String name;

    /** The area (usually the town) the department serves. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "area_id")
    private Area area;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "department_category", joinColumns = @JoinColumn(name = "department_id"))
    @Column(name = "category", length = 64)
    private Set<String> categories = new LinkedHashSet<>();

    @Version
    private long version;

    protected Department() {
    }

    public Department(String code, String name, Area area) {
        this.code = code;
        this.name = name;
        this.area = area;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public Area getArea() {
        return area;
    }

    public Set<String> getCategories() {
        return categories;
    }

    void update(String name, Area area, Set<String> categories) {
        this.name = name;
        this.area = area;
        this.categories.clear();
        this.categories.addAll(categories);
    }
}
