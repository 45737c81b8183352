package org.gridcase.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A building standing in a grid ("房落地"). */
@Entity
@Table(name = "building")
public class Building {

    // column lengths: the single source for @Column, V1__registry.sql (ColumnLengthsTest) and the building import
    public static final int CODE_LENGTH = 64;
    public static final int ADDRESS_LENGTH = 255;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = CODE_LENGTH)
    private String code;

    @Column(nullable = false, length = ADDRESS_LENGTH)
    private String address;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "grid_id")
    private Area grid;

    private Double lat;

    private Double lng;

    private Integer households;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "verified_by", length = Person.LOGIN_LENGTH)
    private String verifiedBy;

    @Version
    private long version;

    protected Building() {
    }

    public Building(String code, String address, Area grid, Double lat, Double lng, Integer households) {
        this.code = code;
        this.address = address;
        this.grid = grid;
        this.lat = lat;
        this.lng = lng;
        this.households = households;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getAddress() {
        return address;
    }

    public Area getGrid() {
        return grid;
    }

    public Double getLat() {
        return lat;
    }

    public Double getLng() {
        return lng;
    }

    public Integer getHouseholds() {
        return households;
    }

    public Instant getVerifiedAt() {
        return verifiedAt;
    }

    public String getVerifiedBy() {
        return verifiedBy;
    }

    void relocate(String address, Area grid, Double lat, Double lng, Integer households) {
        this.address = address;
        this.grid = grid;
        this.lat = lat;
        this.lng = lng;
        this.households = households;
    }

    void recordVerification(String address, Integer households, String verifiedBy, Instant at) {
        this.address = address;
        this.households = households;
        this.verifiedBy = verifiedBy;
        this.verifiedAt = at;
    }
}
