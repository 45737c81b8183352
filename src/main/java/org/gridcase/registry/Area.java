package org.gridcase.registry;

import java.time.Instant;

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
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.gridcase.support.BusinessClock;

/** One node of the area hierarchy (city … grid, micro-grid) with its boundary as WKT in WGS84 (x = lng, y = lat). */
@Entity
@Table(name = "area")
public class Area {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String code;

    @Column(nullable = false, length = 128)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AreaLevel level;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private Area parent;

    /** longtext on MySQL, a large varchar on H2; read in bulk only by the grid index. */
    @Column(name = "boundary")
    private String boundaryWkt;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Area() {
    }

    public Area(String code, String name, AreaLevel level) {
        this.code = code;
        this.name = name;
        this.level = level;
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

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public AreaLevel getLevel() {
        return level;
    }

    public Area getParent() {
        return parent;
    }

    public String getBoundaryWkt() {
        return boundaryWkt;
    }

    void update(String name, AreaLevel level, Area parent, String boundaryWkt) {
        this.name = name;
        this.level = level;
        this.parent = parent;
        this.boundaryWkt = boundaryWkt;
    }
}
