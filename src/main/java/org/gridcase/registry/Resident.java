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

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "id_number", nullable = false, unique = true, length = 32)
    private String idNumber;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = 32)
    private String phone;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "building_id")
    private Building building;

    @Column(length = 32)
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
