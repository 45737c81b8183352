package org.gridcase.registry;

import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
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
import jakarta.persistence.Version;

/** A resident living in a building ("人进房"). Name, phone and ID number are personal data: never logged. */
@Entity
@Table(name = "resident")
public class Resident {

    // column lengths: the single source for @Column, V1__registry.sql (ColumnLengthsTest) and the resident import
    public static final int ID_NUMBER_LENGTH = 32;
    public static final int NAME_LENGTH = 64;
    public static final int PHONE_LENGTH = 32;
    public static final int ROOM_LENGTH = 32;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "id_number", nullable = false, unique = true, length = ID_NUMBER_LENGTH)
    private String idNumber;

    @Column(nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(length = PHONE_LENGTH)
    private String phone;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "building_id")
    private Building building;

    @Column(length = ROOM_LENGTH)
    private String room;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "resident_tag", joinColumns = @JoinColumn(name = "resident_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "tag", length = 32)
    private Set<SpecialPopulation> tags = EnumSet.noneOf(SpecialPopulation.class);

    @Version
    private long version;

    protected Resident() {
    }

    public Resident(String idNumber) {
        this.idNumber = idNumber;
    }

    public Long getId() {
        return id;
    }

    public String getIdNumber() {
        return idNumber;
    }

    public String getName() {
        return name;
    }

    public String getPhone() {
        return phone;
    }

    public Building getBuilding() {
        return building;
    }

    public String getRoom() {
        return room;
    }

    public Set<SpecialPopulation> getTags() {
        return tags;
    }

    void update(String name, String phone, Building building, String room, Set<SpecialPopulation> tags) {
        this.name = name;
        this.phone = phone;
        this.building = building;
        this.room = room;
        this.tags.clear();
        this.tags.addAll(tags);
    }
}
