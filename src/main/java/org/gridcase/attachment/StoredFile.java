package org.gridcase.attachment;

/** Bytes to serve: the stored file or its thumbnail, its media type, its (safe) file name, whether it is an image. */
public record StoredFile(String fileName, String mediaType, boolean image, byte[] bytes) {
}
