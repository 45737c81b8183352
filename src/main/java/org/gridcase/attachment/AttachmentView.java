package org.gridcase.attachment;

import java.time.Instant;

/**
 * An attachment as lists show it: metadata only, never bytes. {@code uploadedByName} is the staff member's name; {@code size} is of the stored file (an image as
 * re-encoded); {@code width}/{@code height} for images; {@code lat}/{@code lng} where the photo's EXIF data had a
 * position ({@code locationFound}).
 */
public record AttachmentView(long id, String fileName, String contentType, long size, Integer width, Integer height,
        String note, String uploadedBy, String uploadedByName, Instant uploadedAt, boolean locationFound, Double lat,
        Double lng) {

    static AttachmentView of(CaseAttachment a, String uploadedByName) {
        return new AttachmentView(a.getId(), a.getFileName(), a.getType().mediaType(), a.getSizeBytes(), a.getWidth(),
                a.getHeight(), a.getNote(), a.getUploadedBy(), uploadedByName, a.getUploadedAt(), a.isLocationFound(),
                a.getLat(), a.getLng());
    }
}
