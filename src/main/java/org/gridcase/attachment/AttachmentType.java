package org.gridcase.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** What an attachment is, told by its first bytes (never by its name or the type its sender declared). */
enum AttachmentType {
    JPEG("image/jpeg", "jpg", "JPEG", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", "png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    PDF("application/pdf", "pdf", null, "%PDF-".getBytes(StandardCharsets.US_ASCII));

    private final String mediaType;
    private final String extension;
    /** The ImageIO format that decodes and writes it; null for a document. */
    private final String imageFormat;
    private final byte[] magic;

    AttachmentType(String mediaType, String extension, String imageFormat, byte[] magic) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.imageFormat = imageFormat;
        this.magic = magic;
    }

    static Optional<AttachmentType> sniff(byte[] content) {
        return Arrays.stream(values()).filter(t -> content.length >= t.magic.length
                && Arrays.equals(content, 0, t.magic.length, t.magic, 0, t.magic.length)).findFirst();
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    String imageFormat() {
        return imageFormat;
    }

    boolean image() {
        return imageFormat != null;
    }
}
