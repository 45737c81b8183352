package org.gridcase.attachment;

import java.time.Instant;

import org.gridcase.casefile.CaseFile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One photo or document on a case: what lists show. Its bytes are an {@link AttachmentContent} of the same id. */
@Entity
@Table(name = "case_attachment")
class CaseAttachment {

    // The lengths of the text columns: the single source for @Column, V11__case_attachment.sql (ColumnLengthsTest
    // holds the two together) and the checks of an upload.
    static final int FILE_NAME_LENGTH = 128;
    static final int NOTE_LENGTH = 500;
    static final int SHA256_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private Long caseId;

    @Column(name = "file_name", nullable = false, length = FILE_NAME_LENGTH)
    private String fileName;

    @Enumerated(EnumType.STRING)
    @Column(name = "content_type", nullable = false, length = 16)
    private AttachmentType type;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    private Integer width;
    private Integer height;

    @Column(length = NOTE_LENGTH)
    private String note;

    @Column(name = "uploaded_by", nullable = false, length = CaseFile.CODE_LENGTH)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    @Column(name = "location_found", nullable = false)
    private boolean locationFound;

    private Double lat;
    private Double lng;

    @Column(nullable = false, length = SHA256_LENGTH)
    private String sha256;

    protected CaseAttachment() {
    }

    CaseAttachment(Long caseId, String fileName, AttachmentType type, long sizeBytes, Integer width, Integer height,
            String note, String uploadedBy, Instant uploadedAt, Double lat, Double lng, String sha256) {
        this.caseId = caseId;
        this.fileName = fileName;
        this.type = type;
        this.sizeBytes = sizeBytes;
        this.width = width;
        this.height = height;
        this.note = note;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
        this.locationFound = lat != null && lng != null;
        this.lat = locationFound ? lat : null;
        this.lng = locationFound ? lng : null;
        this.sha256 = sha256;
    }

    Long getId() { return id; }
    Long getCaseId() { return caseId; }
    String getFileName() { return fileName; }
    AttachmentType getType() { return type; }
    long getSizeBytes() { return sizeBytes; }
    Integer getWidth() { return width; }
    Integer getHeight() { return height; }
    String getNote() { return note; }
    String getUploadedBy() { return uploadedBy; }
    Instant getUploadedAt() { return uploadedAt; }
    boolean isLocationFound() { return locationFound; }
    Double getLat() { return lat; }
    Double getLng() { return lng; }
}
