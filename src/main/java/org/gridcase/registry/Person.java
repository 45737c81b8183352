package org.gridcase.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.gridcase.support.BusinessClock;

/** A member of staff: grid worker, dispatcher, department handler, leader … The login is the Camunda user id. */
@Entity
@Table(name = "person")
public class Person {

    // column lengths: the single source for @Column, V1__registry.sql (ColumnLengthsTest) and the staff import
    public static final int LOGIN_LENGTH = 64;
    public static final int NAME_LENGTH = 64;
    public static final int PHONE_LENGTH = 32;
    public static final int EMAIL_LENGTH = 128;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = LOGIN_LENGTH)
    private String login;

    @Column(nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(length = PHONE_LENGTH)
    private String phone;

    @Column(length = EMAIL_LENGTH)
    private String email;

    @OneToMany(mappedBy = "person", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<PersonRole> roles = new ArrayList<>();

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Person() {
    }

    public Person(String login) {
        this.login = login;
    }

    @PrePersist
    void onCreate() {
        createdAt = BusinessClock.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = BusinessClock.now();
    }

    public Long getId() {
        return id;
    }

    public String getLogin() {
        return login;
    }

    public String getName() {
        return name;
    }

    public String getPhone() {
        return phone;
    }

    public String getEmail() {
        return email;
    }

    public List<PersonRole> getRoles() {
        return roles;
    }

    void update(String name, String phone, String email) {
        this.name = name;
        this.phone = phone;
        this.email = email;
    }

    void replaceRoles(List<PersonRole> newRoles) {
        roles.clear();
        newRoles.forEach(r -> {
            r.attachTo(this);
            roles.add(r);
        });
    }
}
