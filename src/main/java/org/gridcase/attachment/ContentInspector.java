package org.gridcase.attachment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.PayloadTooLargeException;
import org.gridcase.support.UnsupportedContentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;

/**
 * What an uploaded file is, told by its content alone, and what is stored of it.
 * <ul>
 * <li>JPEG and PNG: the header's width and height are checked against {@code max-pixels} before a pixel is decoded
 * (a small file may declare a 50000×50000 image); the GPS position is read from the EXIF data; the image is decoded,
 * turned upright by its EXIF orientation, and written anew from its pixels alone, so that nothing of its metadata
 * (EXIF, GPS, XMP, IPTC, comments, PNG text chunks) is stored. A thumbnail of the same format is made.</li>
 * <li>PDF (starts with {@code %PDF-}): stored as given, metadata included; it is not parsed.</li>
 * <li>Anything else: 415.</li>
 * </ul>
 */
@Component
class ContentInspector {

    private static final Logger log = LoggerFactory.getLogger(ContentInspector.class);
    private static final float JPEG_QUALITY = 0.9f;

    /** How long an upload waits for one of the {@code concurrent-images} permits before it is told to retry. */
    private static final long DECODE_WAIT_SECONDS = 30;

    private final AttachmentProperties properties;
    private final Semaphore decoding;

    ContentInspector(AttachmentProperties properties) {
        this.properties = properties;
        this.decoding = new Semaphore(properties.concurrentImages(), true);
    }

    /** What is stored of an upload: the bytes, a thumbnail (images), the size of the image, where it was taken. */
    record Inspected(AttachmentType type, byte[] content, byte[] thumbnail, Integer width, Integer height, Double lat,
            Double lng) {
    }

    Inspected inspect(byte[] upload) {
        AttachmentType type = AttachmentType.sniff(upload).orElseThrow(() -> new UnsupportedContentException("file",
                "只能上传 JPEG、PNG 图片或 PDF 文档（按文件内容判断，与文件名无关）"));
        if (!type.image()) {
            return new Inspected(type, upload, null, null, null, null, null);
        }
        acquire();
        try {
            BufferedImage decoded = decode(type, upload);
            Metadata metadata = metadata(upload);
            BufferedImage upright = upright(decoded, orientation(metadata));
            GeoLocation where = location(metadata);
            byte[] stored = write(type, upright);
            byte[] thumbnail = write(type, thumbnail(upright));
            return new Inspected(type, stored, thumbnail, upright.getWidth(), upright.getHeight(),
                    where == null ? null : where.getLatitude(), where == null ? null : where.getLongitude());
        } finally {
            decoding.release();
        }
    }

    /** One of the node's image permits, or 503: a burst of large photos must not exhaust the heap. */
    private void acquire() {
        try {
            if (decoding.tryAcquire(DECODE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "图片处理繁忙，请稍后重新上传");
    }

    /** Decodes the image, after its header's dimensions have passed {@code max-pixels}. */
    private BufferedImage decode(AttachmentType type, byte[] upload) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.imageFormat());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + type);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            long width;
            long height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw notAnImage(type);
            }
            if (width <= 0 || height <= 0 || width * height > properties.maxPixels()) {
                throw new PayloadTooLargeException("file", "图片尺寸过大（" + width + "×" + height + "），最多 "
                        + properties.maxPixels() + " 像素");
            }
            try {
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                // a truncated or damaged file, or a JPEG in CMYK, which ImageIO does not decode
                log.debug("Upload not decodable as {}: {}", type, e.toString());
                throw notAnImage(type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    private static InvalidInputException notAnImage(AttachmentType type) {
        return InvalidInputException.of("file", "文件不是完整可读的 " + type.name() + " 图片（损坏、不完整或 CMYK 格式）");
    }

    /** The image's metadata as metadata-extractor reads it; null when it reads none. */
    private static Metadata metadata(byte[] upload) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload), upload.length);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            log.debug("No metadata read from an upload: {}", e.toString());
            return null;
        }
    }

    /** The GPS position of the EXIF data, if there is a plausible one (not 0/0, within range). */
    private static GeoLocation location(Metadata metadata) {
        if (metadata == null) {
            return null;
        }
        for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
            GeoLocation where = gps.getGeoLocation();
            if (where != null && !where.isZero() && Math.abs(where.getLatitude()) <= 90
                    && Math.abs(where.getLongitude()) <= 180) {
                return where;
            }
        }
        return null;
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            return 1;
        }
        try {
            return ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        } catch (MetadataException e) {
            return 1;
        }
    }

    /**
     * The image as it is meant to be seen: the EXIF orientation (1…8) is a transformation the viewer applies, and
     * it goes with the metadata, so it is applied to the pixels.
     */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        // display (x, y) from stored (x, y), per EXIF orientation
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h, pixelType(image));
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    private BufferedImage thumbnail(BufferedImage image) {
        int max = properties.thumbnailPixels();
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= max && h <= max) {
            return image;
        }
        double scale = Math.min((double) max / w, (double) max / h);
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage small = new BufferedImage(tw, th, pixelType(image));
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    private static int pixelType(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    /**
     * The pixels alone, written by ImageIO with no metadata of the upload: a JPEG gets only the JFIF header every
     * JPEG writer writes, a PNG only its image chunks.
     */
    private static byte[] write(AttachmentType type, BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (type == AttachmentType.JPEG) {
                // ImageIO decodes a JPEG without alpha (3-byte BGR or grey), which its writer takes as it is: a copy
                // of a large image is made only when it has an alpha channel
                BufferedImage rgb = image;
                if (image.getColorModel().hasAlpha()) {
                    rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = rgb.createGraphics();
                    try {
                        g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
                    } finally {
                        g.dispose();
                    }
                }
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                    writer.setOutput(stream);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(JPEG_QUALITY);
                    writer.write(null, new IIOImage(rgb, null, null), param);
                } finally {
                    writer.dispose();
                }
            } else if (!ImageIO.write(image, type.imageFormat(), out)) {
                throw new IllegalStateException("No ImageIO writer for " + type);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
