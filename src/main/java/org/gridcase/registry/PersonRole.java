package org.gridcase.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One role of a person, tied to an area or a department. */
@Entity
@Table(name = "person_role")
public class PersonRole {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "person_id")
    private Person person;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Role role;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "area_id")
    private Area area;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    private Department department;

    protected PersonRole() {
    }

    public PersonRole(Role role, Area area, Department department) {
        this.role = role;
        this.area = area;
        this.department = department;
    }

    void attachTo(Person person) {
        this.person = person;
    }

    public Person getPerson() {
        return person;
    }

    public Role getRole() {
        return role;
    }

    public Area getArea() {
        return area;
    }

    public Department getDepartment() {
        return department;
    }
}
