package org.gridcase.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code gridcase.attachments.*}: the largest file ({@code max-bytes}; the servlet's multipart limit
 * {@code spring.servlet.multipart.max-file-size} follows it), the whole multipart request ({@code max-request-bytes},
 * at least {@code max-bytes}), the most pixels an image may declare in its header ({@code max-pixels}, checked
 * before decoding), attachments per case ({@code max-per-case}), the longer side of a thumbnail, and how many
 * images one node decodes at once ({@code concurrent-images}: a 40-million-pixel image takes 160 MB decoded).
 */
@ConfigurationProperties(prefix = "gridcase.attachments")
record AttachmentProperties(@DefaultValue("10MB") DataSize maxBytes, @DefaultValue("32MB") DataSize maxRequestBytes,
        @DefaultValue("40000000") long maxPixels, @DefaultValue("30") int maxPerCase,
        @DefaultValue("320") int thumbnailPixels, @DefaultValue("2") int concurrentImages) {

    AttachmentProperties {
        if (maxBytes.toBytes() <= 0 || maxRequestBytes.toBytes() < maxBytes.toBytes()) {
            throw new IllegalStateException("gridcase.attachments.max-request-bytes (" + maxRequestBytes
                    + ") must be at least max-bytes (" + maxBytes + "), and max-bytes positive");
        }
        if (maxPixels <= 0 || maxPerCase <= 0 || thumbnailPixels <= 0 || concurrentImages <= 0) {
            throw new IllegalStateException("gridcase.attachments.max-pixels, max-per-case, thumbnail-pixels and "
                    + "concurrent-images must be positive");
        }
    }
}
