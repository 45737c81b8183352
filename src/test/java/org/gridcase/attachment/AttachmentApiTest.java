package org.gridcase.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Photos and documents on a case over HTTP, on the real database: what is accepted (by content), what is stored of
 * it (no metadata), who may see and upload, and every refusal. The test context limits a file to 256 KB
 * ({@code gridcase.attachments.max-bytes} in GridCaseTest).
 */
class AttachmentApiTest extends GridCaseTest {

    /** Inside grid SFZ-C01-G01. */
    private static final double LAT = 41.1035;
    private static final double LNG = 122.0060;
    private static final String DISPATCHER = "chenxiaoyan";
    private static final String GRID_WORKER = "zhangwei";
    /** Grid worker of SFZ-C02-G01: the test's cases are outside his grid. */
    private static final String OTHER_GRID_WORKER = "wulei";
    private static final String PROCESS_OWNER = "zhongwen";

    // ---------------------------------------------------------------- photos

    @Test
    void aJpegWithGpsIsStoredUprightWithItsLocationAndWithoutAnyMetadata() throws Exception {
        // Given a case and a photo 64×32 whose EXIF data says where it was taken and "rotate 90° to view"
        String tn = register();
        byte[] photo = jpegWithExif(64, 32, 6);
        assertThat(gps(photo)).as("the test photo truly carries GPS").isNotNull();
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains("Exif");

        // When the grid worker uploads it with a note
        ResponseEntity<JsonNode> created = upload(GRID_WORKER, tn, "现场照片.jpg", MediaType.IMAGE_JPEG, photo,
                "垃圾堆放现场");

        // Then it is created, with its address
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        long id = created.getBody().path("id").asLong();
        assertThat(created.getHeaders().getLocation().getPath())
                .isEqualTo("/api/cases/" + tn + "/attachments/" + id);

        // and listed with its location, its upright size, who and when: metadata only
        JsonNode listed = get(DISPATCHER, "/api/cases/" + tn + "/attachments").getBody();
        assertThat(listed.size()).isEqualTo(1);
        JsonNode one = listed.get(0);
        assertThat(one.path("id").asLong()).isEqualTo(id);
        assertThat(one.path("fileName").asText()).isEqualTo("现场照片.jpg");
        assertThat(one.path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(one.path("width").asInt()).isEqualTo(32);
        assertThat(one.path("height").asInt()).isEqualTo(64);
        assertThat(one.path("note").asText()).isEqualTo("垃圾堆放现场");
        assertThat(one.path("uploadedBy").asText()).isEqualTo(GRID_WORKER);
        assertThat(one.path("uploadedAt").asText()).isNotBlank();
        assertThat(one.path("locationFound").asBoolean()).isTrue();
        assertThat(one.path("lat").asDouble()).isCloseTo(LAT, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(one.path("lng").asDouble()).isCloseTo(LNG, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(one.has("content")).isFalse();
        assertThat(one.path("size").asLong()).isPositive();

        // and the file served has the right headers, is a JPEG of the upright pixels, and has no metadata left
        ResponseEntity<byte[]> file = bytes(DISPATCHER, "/api/cases/" + tn + "/attachments/" + id);
        assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(file.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(file.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        ContentDisposition disposition = file.getHeaders().getContentDisposition();
        assertThat(disposition.getFilename()).isEqualTo("现场照片.jpg");
        byte[] stored = file.getBody();
        assertThat(stored.length).isEqualTo(one.path("size").asLong());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(64);
        assertThat(gps(stored)).as("GPS directory of the stored file").isNull();
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(stored))
                .getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");

        // and its thumbnail is served too
        ResponseEntity<byte[]> thumbnail = bytes(DISPATCHER, "/api/cases/" + tn + "/attachments/" + id + "/thumbnail");
        assertThat(thumbnail.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(thumbnail.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.getBody()))).isNotNull();

        // and the timeline tells of the upload with the file's name
        JsonNode timeline = get(DISPATCHER, "/api/cases/" + tn).getBody().path("timeline");
        assertThat(timeline.toString()).contains("\"type\":\"ATTACHED\"").contains("现场照片.jpg");
    }

    @Test
    void aLargePhotosThumbnailIsAtMost320Pixels() throws Exception {
        String tn = register();
        ResponseEntity<JsonNode> created = upload(DISPATCHER, tn, "big.jpg", MediaType.IMAGE_JPEG, jpeg(1000, 500),
                null);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().path("locationFound").asBoolean()).isFalse();
        assertThat(created.getBody().has("lat")).isFalse();

        byte[] thumbnail = bytes(DISPATCHER, "/api/cases/" + tn + "/attachments/" + created.getBody().path("id")
                .asLong() + "/thumbnail").getBody();
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(160);
    }

    @Test
    void aPngIsStoredWithoutItsTextChunks() throws Exception {
        // Given a PNG carrying a text chunk
        String tn = register();
        byte[] png = withTextChunk(png(40, 30), "Comment", "secret-note-xyz");
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains("tEXt").contains("secret-note-xyz");

        // When it is uploaded under a misleading name and declared type
        ResponseEntity<JsonNode> created = upload(GRID_WORKER, tn, "scan.pdf", MediaType.APPLICATION_PDF, png, null);

        // Then it is a PNG (by its content), named so, and its text chunk is gone
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().path("contentType").asText()).isEqualTo("image/png");
        assertThat(created.getBody().path("fileName").asText()).isEqualTo("scan.png");
        long id = created.getBody().path("id").asLong();
        ResponseEntity<byte[]> file = bytes(DISPATCHER, "/api/cases/" + tn + "/attachments/" + id);
        assertThat(file.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        String stored = new String(file.getBody(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("tEXt").doesNotContain("secret-note-xyz");
        assertThat(ImageIO.read(new ByteArrayInputStream(file.getBody())).getWidth()).isEqualTo(40);
        assertThat(bytes(DISPATCHER, "/api/cases/" + tn + "/attachments/" + id + "/thumbnail").getHeaders()
                .getContentType()).isEqualTo(MediaType.IMAGE_PNG);
    }

    @Test
    void aPdfIsStoredAsGivenAndServedAsADownloadWithoutAThumbnail() {
        String tn = register();
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        ResponseEntity<JsonNode> created = upload(GRID_WORKER, tn, "../../etc/整改通知书\"; x.pdf",
                MediaType.APPLICATION_OCTET_STREAM, pdf, null);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        long id = created.getBody().path("id").asLong();
        assertThat(created.getBody().path("fileName").asText()).isEqualTo("整改通知书__ x.pdf");

        ResponseEntity<byte[]> file = bytes(DISPATCHER, "/api/cases/" + tn + "/attachments/" + id);
        assertThat(file.getBody()).isEqualTo(pdf);
        assertThat(file.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(file.getHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("整改通知书__ x.pdf");

        assertProblem(get(DISPATCHER, "/api/cases/" + tn + "/attachments/" + id + "/thumbnail"), 404);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void aTextFileNamedLikeAPhotoIsRefusedByItsContent() {
        String tn = register();
        ResponseEntity<JsonNode> answer = upload(GRID_WORKER, tn, "photo.jpg", MediaType.IMAGE_JPEG,
                "这不是一张照片，只是文字。".getBytes(StandardCharsets.UTF_8), null);
        assertThat(errorFields(assertProblem(answer, 415))).containsExactly("file");
        assertThat(get(DISPATCHER, "/api/cases/" + tn + "/attachments").getBody().size()).isZero();
    }

    @Test
    void aFileOverTheLimitIsRefused() {
        String tn = register();
        byte[] big = new byte[300 * 1024];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        ResponseEntity<JsonNode> answer = upload(GRID_WORKER, tn, "big.pdf", MediaType.APPLICATION_PDF, big, null);
        assertThat(errorFields(assertProblem(answer, 413))).containsExactly("file");
        assertThat(get(DISPATCHER, "/api/cases/" + tn + "/attachments").getBody().size()).isZero();
    }

    @Test
    void aSmallPngDeclaringAHugeImageIsRefusedBeforeItIsDecoded() {
        // a valid header declaring 50000×50000 pixels (7.5 GB decoded) in a file of a few dozen bytes
        String tn = register();
        ResponseEntity<JsonNode> answer = upload(GRID_WORKER, tn, "bomb.png", MediaType.IMAGE_PNG,
                pngHeaderOnly(50_000, 50_000), null);
        JsonNode problem = assertProblem(answer, 413);
        assertThat(errorFields(problem)).containsExactly("file");
        assertThat(problem.path("detail").asText()).contains("50000×50000");
    }

    @Test
    void aDamagedImageIsRefused() throws Exception {
        String tn = register();
        byte[] jpeg = jpeg(64, 64);
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 20);
        ResponseEntity<JsonNode> answer = upload(GRID_WORKER, tn, "cut.jpg", MediaType.IMAGE_JPEG, truncated, null);
        assertThat(errorFields(assertProblem(answer, 400))).containsExactly("file");
    }

    @Test
    void anUploadWithoutAFileIsRefusedNamingFile() {
        String tn = register();
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("note", "忘了选文件");
        ResponseEntity<JsonNode> answer = multipart(GRID_WORKER, tn, parts);
        assertThat(errorFields(assertProblem(answer, 400))).containsExactly("file");
    }

    @Test
    void aNoteOverItsLengthIsRefused() throws Exception {
        String tn = register();
        ResponseEntity<JsonNode> answer = upload(GRID_WORKER, tn, "a.png", MediaType.IMAGE_PNG, png(4, 4),
                "长".repeat(Attachments.NOTE_LENGTH + 1));
        assertThat(errorFields(assertProblem(answer, 400))).containsExactly("note");
    }

    @Test
    void aFinishedCaseTakesNoAttachment() throws Exception {
        String tn = register();
        assertThat(postJson(DISPATCHER, "/api/cases/" + tn + "/withdrawal", Map.of("reason", "反映人撤回"))
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> answer = upload(DISPATCHER, tn, "a.png", MediaType.IMAGE_PNG, png(4, 4), null);
        assertThat(errorFields(assertProblem(answer, 400))).containsExactly("trackingNumber");
    }

    @Test
    void aCaseTakesAtMostThirtyAttachments() {
        String tn = register();
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 30; i++) {
            assertThat(upload(GRID_WORKER, tn, "p" + i + ".pdf", MediaType.APPLICATION_PDF, pdf, null)
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        ResponseEntity<JsonNode> answer = upload(GRID_WORKER, tn, "p30.pdf", MediaType.APPLICATION_PDF, pdf, null);
        assertThat(errorFields(assertProblem(answer, 409))).containsExactly("file");
        assertThat(get(DISPATCHER, "/api/cases/" + tn + "/attachments").getBody().size()).isEqualTo(30);
    }

    // ---------------------------------------------------------------- who may

    @Test
    void staffOfAnotherGridFindNoCaseToUploadToListOrDownload() throws Exception {
        String tn = register();
        long id = upload(GRID_WORKER, tn, "a.png", MediaType.IMAGE_PNG, png(8, 8), null).getBody().path("id")
                .asLong();
        String base = "/api/cases/" + tn + "/attachments";

        assertProblem(upload(OTHER_GRID_WORKER, tn, "b.png", MediaType.IMAGE_PNG, png(8, 8), null), 404);
        assertProblem(get(OTHER_GRID_WORKER, base), 404);
        assertProblem(get(OTHER_GRID_WORKER, base + "/" + id), 404);
        assertProblem(get(OTHER_GRID_WORKER, base + "/" + id + "/thumbnail"), 404);
        assertThat(get(DISPATCHER, base).getBody().size()).isEqualTo(1);
    }

    @Test
    void aProcessOwnerReadsAttachmentsButUploadsNone() throws Exception {
        String tn = register();
        assertProblem(upload(PROCESS_OWNER, tn, "a.png", MediaType.IMAGE_PNG, png(8, 8), null), 403);
        assertThat(get(PROCESS_OWNER, "/api/cases/" + tn + "/attachments").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anUnknownAttachmentOrOneOfAnotherCaseIsNotFound() throws Exception {
        String mine = register();
        String other = register();
        long ofOther = upload(GRID_WORKER, other, "a.png", MediaType.IMAGE_PNG, png(8, 8), null).getBody()
                .path("id").asLong();

        assertProblem(get(DISPATCHER, "/api/cases/" + mine + "/attachments/999999999"), 404);
        assertProblem(get(DISPATCHER, "/api/cases/" + mine + "/attachments/" + ofOther), 404);
        assertProblem(get(DISPATCHER, "/api/cases/" + mine + "/attachments/" + ofOther + "/thumbnail"), 404);
        assertThat(bytes(DISPATCHER, "/api/cases/" + other + "/attachments/" + ofOther).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // ---------------------------------------------------------------- helpers

    private String register() {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "SANITATION");
        body.put("description", "东湖小区3号楼前垃圾堆放多日无人清运");
        body.put("channel", "HOTLINE");
        body.put("location", Map.of("lat", LAT, "lng", LNG));
        body.put("address", "示范镇东湖小区3号楼");
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        ResponseEntity<JsonNode> response = postJson(DISPATCHER, "/api/requests", body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().path("gridCode").asText()).isEqualTo("SFZ-C01-G01");
        return response.getBody().path("trackingNumber").asText();
    }

    private ResponseEntity<JsonNode> upload(String login, String tn, String fileName, MediaType declared,
            byte[] content, String note) {
        HttpHeaders partHeaders = new HttpHeaders();
        partHeaders.setContentType(declared);
        ByteArrayResource resource = new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        };
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new HttpEntity<>(resource, partHeaders));
        if (note != null) {
            parts.add("note", note);
        }
        return multipart(login, tn, parts);
    }

    private ResponseEntity<JsonNode> multipart(String login, String tn, MultiValueMap<String, Object> parts) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return as(login).exchange("/api/cases/" + tn + "/attachments", HttpMethod.POST,
                new HttpEntity<>(parts, headers), JsonNode.class);
    }

    private ResponseEntity<byte[]> bytes(String login, String path) {
        return as(login).getForEntity(path, byte[].class);
    }

    private static GpsDirectory gps(byte[] image) throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
        return metadata.getFirstDirectoryOfType(GpsDirectory.class);
    }

    private static BufferedImage picture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w / 2, h / 2);
        g.dispose();
        return image;
    }

    private static byte[] jpeg(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(picture(w, h), "jpg", out)).isTrue();
        return out.toByteArray();
    }

    private static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(picture(w, h), "png", out)).isTrue();
        return out.toByteArray();
    }

    /**
     * A JPEG written by ImageIO with an EXIF APP1 segment put in by hand right after SOI: IFD0 with the orientation
     * and a pointer to a GPS IFD holding 41°6'12.6" N, 122°0'21.6" E (41.1035, 122.0060).
     */
    static byte[] jpegWithExif(int w, int h, int orientation) throws IOException {
        byte[] jpeg = jpeg(w, h);
        ByteBuffer tiff = ByteBuffer.allocate(140); // big-endian
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        // IFD0 at 8: 2 entries, ends at 38
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);
        tiff.putInt(0);
        // GPS IFD at 38: 4 entries, ends at 92; latitude rationals at 92, longitude at 116
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(92);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(116);
        tiff.putInt(0);
        tiff.putInt(41).putInt(1).putInt(6).putInt(1).putInt(126).putInt(10);
        tiff.putInt(122).putInt(1).putInt(0).putInt(1).putInt(216).putInt(10);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif);
        out.write(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The PNG with a tEXt chunk put in before IEND (the last 12 bytes). */
    private static byte[] withTextChunk(byte[] png, String keyword, String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, png.length - 12);
        byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        out.write(chunk("tEXt", data));
        out.write(png, png.length - 12, 12);
        return out.toByteArray();
    }

    /** A PNG signature, an IHDR chunk declaring {@code w}×{@code h} RGB pixels, a token IDAT, IEND. */
    private static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(name).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
