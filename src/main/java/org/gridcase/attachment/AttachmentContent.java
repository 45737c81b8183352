package org.gridcase.attachment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * The bytes of one attachment, in a row of their own so that listing a case's attachments never loads them: the
 * stored file (an image re-encoded without any metadata) and, for an image, its thumbnail.
 */
@Entity
@Table(name = "case_attachment_content")
class AttachmentContent {

    /** The id of its {@link CaseAttachment}. */
    @Id
    @Column(name = "attachment_id")
    private Long attachmentId;

    // longblob is MySQL's type name (H2 takes it too); Hibernate's validation accepts the column by that name
    @Lob
    @Column(nullable = false, columnDefinition = "longblob")
    private byte[] content;

    @Lob
    @Column(columnDefinition = "longblob")
    private byte[] thumbnail;

    protected AttachmentContent() {
    }

    AttachmentContent(Long attachmentId, byte[] content, byte[] thumbnail) {
        this.attachmentId = attachmentId;
        this.content = content;
        this.thumbnail = thumbnail;
    }

    byte[] getContent() { return content; }
    byte[] getThumbnail() { return thumbnail; }
}
