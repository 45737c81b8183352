package org.gridcase.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * The public report page's endpoints as a resident's phone (or a script) calls them, without login: a report becomes
 * a request case of the right grid with its photos, bad input is refused naming each field with nothing written, the
 * status page shows no personal data, the duplicate hint and following, the proof of work, the flood limit, and the
 * grid QR codes and posters for staff. The flood test runs last: it spends this address's hourly allowance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicReportTest extends GridCaseTest {

    private static final double LAT = 41.1035;
    private static final double LNG = 122.0060;
    private static final String GRID = "SFZ-C01-G01";
    private static final String OTHER_GRID = "SFZ-C02-G01";
    private static final String PHONE = "13712345678";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    @Test
    @Order(1)
    void aReportWithAPhotoBecomesARequestOfTheGridWithThePhotoAndAStatusLinkWithoutPersonalData() throws Exception {
        // When a resident files a report with a photo and the phone's position
        ResponseEntity<JsonNode> filed = file(form("SANITATION", "东湖小区5号楼后面的垃圾桶满溢，异味很大", LAT, LNG, null,
                "13712340001", "王阿姨"), List.of(photo("scene.jpg", "jpeg")));

        // Then it is a request case of the grid at that point, registered through the page's channel
        assertThat(filed.getStatusCode()).as("%s", filed.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = filed.getBody().path("trackingNumber").asText();
        String statusUrl = filed.getBody().path("statusUrl").asText();
        assertThat(statusUrl).startsWith("/report/" + tn + "?k=");
        assertThat(filed.getHeaders().getLocation()).hasToString(statusUrl);
        JsonNode view = get("chenxiaoyan", "/api/cases/" + tn).getBody();
        assertThat(view.path("gridCode").asText()).isEqualTo(GRID);
        assertThat(view.path("channel").asText()).isEqualTo("APP");
        assertThat(view.path("status").asText()).isIn("VERIFYING", "REGISTERED");

        // And its photo is on the case, stored by the page, for the grid's staff
        JsonNode photos = get("zhangwei", "/api/cases/" + tn + "/attachments").getBody();
        assertThat(photos).hasSize(1);
        assertThat(photos.get(0).path("uploadedBy").asText()).isEqualTo(PublicReports.ACTOR);
        assertThat(photos.get(0).path("contentType").asText()).isEqualTo("image/jpeg");

        // And the status link shows status and steps, and nothing of the reporter or the staff
        ResponseEntity<String> status = rest.getForEntity("/report/api/status/" + tn + "?k=" + key(statusUrl), String.class);
        assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(status.getBody()).contains(tn, "环境卫生", "东湖社区第一网格", "登记")
                .doesNotContain("13712340001", "王阿姨", PublicReports.ACTOR, "chenxiaoyan", "zhangwei", "张伟");
        // and the page itself is the static status page, with a policy that allows no other origin
        ResponseEntity<String> page = rest.getForEntity(statusUrl, String.class);
        assertThat(page.getBody()).contains("办理进度", "/report/status.js");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    @Order(2)
    void aReportFromAGridsQrCodeGoesToThatGridWithoutAPosition() {
        ResponseEntity<JsonNode> filed = file(form("PUBLIC_FACILITY", "村口健身器材螺丝松动", null, null, OTHER_GRID,
                "13712340002", null), List.of());

        assertThat(filed.getStatusCode()).as("%s", filed.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode view = get("chenxiaoyan", "/api/cases/" + filed.getBody().path("trackingNumber").asText()).getBody();
        assertThat(view.path("gridCode").asText()).isEqualTo(OTHER_GRID);
        assertThat(view.path("channel").asText()).isEqualTo("QR_CODE");
        assertThat(filed.getBody().path("gridName").asText()).isEqualTo("西河村第一网格");
    }

    @Test
    @Order(3)
    void badInputIsRefusedNamingEachFieldAndNothingIsWritten() throws Exception {
        int cases = count("case_file");
        int photos = count("case_attachment");

        // missing category and description, a bad phone, impossible coordinates
        ResponseEntity<JsonNode> empty = file(form("", " ", 95.0, 500.0, null, "12345", null), List.of());
        assertThat(errorFields(assertProblem(empty, 400))).contains("category", "description", "location", "phone");

        // an unknown category; a place outside every grid
        assertThat(errorFields(assertProblem(file(form("UFO", "不明飞行物", LAT, LNG, null, PHONE, null), List.of()), 400)))
                .containsExactly("category");
        assertThat(errorFields(assertProblem(file(form("SANITATION", "很远的地方", 30.0, 110.0, null, PHONE, null),
                List.of()), 400))).contains("location");

        // a text file named like a photo, refused by its content; four photos, one too many
        ResponseEntity<JsonNode> fake = file(form("SANITATION", "假照片", LAT, LNG, null, PHONE, null),
                List.of(new NamedBytes("scene.jpg", "这不是图片".getBytes(StandardCharsets.UTF_8))));
        assertThat(errorFields(assertProblem(fake, 415))).containsExactly("photos[0]");
        NamedBytes one = photo("a.png", "png");
        assertThat(errorFields(assertProblem(file(form("SANITATION", "四张照片", LAT, LNG, null, PHONE, null),
                List.of(one, one, one, one)), 400))).containsExactly("photos");

        // a small file declaring a huge image (a decompression bomb) is refused before it is decoded
        ResponseEntity<JsonNode> bomb = file(form("SANITATION", "炸弹", LAT, LNG, null, PHONE, null),
                List.of(new NamedBytes("bomb.png", hugePngHeader())));
        assertThat(errorFields(assertProblem(bomb, 413))).containsExactly("photos[0]");

        // a good photo after a bad one: nothing of the report is written
        ResponseEntity<JsonNode> mixed = file(form("SANITATION", "一好一坏", LAT, LNG, null, PHONE, null),
                List.of(one, new NamedBytes("b.jpg", "<script>".getBytes(StandardCharsets.UTF_8))));
        assertThat(errorFields(assertProblem(mixed, 415))).containsExactly("photos[1]");
        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("case_attachment")).isEqualTo(photos);
    }

    @Test
    @Order(4)
    void scriptInTheTextIsKeptAsTextAndTheProofOfWorkIsRequiredAndWorksOnce() {
        // no proof at all
        MultiValueMap<String, Object> noProof = form("SANITATION", "没有校验", LAT, LNG, null, PHONE, null);
        noProof.remove("challenge");
        noProof.remove("nonce");
        assertThat(errorFields(assertProblem(post(noProof), 400))).containsExactly("proof");

        // a proof for a forged challenge
        MultiValueMap<String, Object> forged = form("SANITATION", "伪造校验", LAT, LNG, null, PHONE, null);
        forged.set("challenge", "AAAA.9999999999.forged");
        assertThat(errorFields(assertProblem(post(forged), 400))).containsExactly("proof");

        // a good proof works once
        String script = "<script>alert('x')</script>路灯坏了";
        MultiValueMap<String, Object> good = form("STREET_LIGHT", script, LAT, LNG, null, "13712340003", null);
        ResponseEntity<JsonNode> first = post(good);
        assertThat(first.getStatusCode()).as("%s", first.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(errorFields(assertProblem(post(good), 400))).containsExactly("proof");

        // the text is the resident's, stored as text (every page that shows it escapes it)
        String tn = first.getBody().path("trackingNumber").asText();
        assertThat(jdbc.queryForObject("select description from case_file where tracking_number = ?", String.class, tn))
                .isEqualTo(script);
    }

    @Test
    @Order(5)
    void theDuplicateHintOffersOpenCasesOfTheSameCategoryNearbyAndFollowingOneGivesAStatusLink() {
        // Given an open report of noise at a point
        ResponseEntity<JsonNode> filed = file(form("NOISE", "广场舞音响太响，晚上十点还不停", 41.1036, 122.0061, null,
                "13712340004", "李先生"), List.of());
        String tn = filed.getBody().path("trackingNumber").asText();

        // When another resident asks about the same category 20 m away
        JsonNode nearby = rest.getForEntity("/report/api/nearby?category=NOISE&lat=41.1037&lng=122.0061",
                JsonNode.class).getBody();

        // Then it is offered, with no text or name of the first reporter
        assertThat(nearby.findValuesAsText("trackingNumber")).contains(tn);
        assertThat(nearby.toString()).doesNotContain("广场舞", "李先生", "13712340004");
        // but not for another category, nor far away
        assertThat(rest.getForEntity("/report/api/nearby?category=SANITATION&lat=41.1037&lng=122.0061", JsonNode.class)
                .getBody().findValuesAsText("trackingNumber")).doesNotContain(tn);
        assertThat(rest.getForEntity("/report/api/nearby?category=NOISE&lat=41.12&lng=122.03", JsonNode.class)
                .getBody().findValuesAsText("trackingNumber")).doesNotContain(tn);

        // And following it gives a status link of one's own, without filing a new case
        int cases = count("case_file");
        Map<String, String> proof = proof();
        ResponseEntity<JsonNode> followed = rest.postForEntity("/report/api/follow",
                Map.of("trackingNumber", tn, "challenge", proof.get("challenge"), "nonce", proof.get("nonce")),
                JsonNode.class);
        assertThat(followed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String url = followed.getBody().path("statusUrl").asText();
        assertThat(rest.getForEntity("/report/api/status/" + tn + "?k=" + key(url), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(count("case_file")).isEqualTo(cases);

        // And a wrong or missing key reads as unknown, with no case data
        ResponseEntity<String> wrong = rest.getForEntity("/report/api/status/" + tn + "?k=guessed", String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(wrong.getBody()).doesNotContain("噪音", "NOISE");
        assertThat(rest.getForEntity("/report/api/status/" + tn, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @Order(6)
    void theReportPageOffersTheCategoriesByGroupAndTheGridsOutlinesAndAQrCodePresetsItsGrid() {
        ResponseEntity<String> page = rest.getForEntity("/report", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("随手拍", "/report/report.js");

        JsonNode form = rest.getForEntity("/report/api/form?grid=" + GRID, JsonNode.class).getBody();
        assertThat(form.path("groups").findValuesAsText("name")).contains("市容环境", "水电气暖", "环境卫生");
        assertThat(form.path("grid").path("name").asText()).isEqualTo("东湖社区第一网格");
        assertThat(form.path("maxPhotos").asInt()).isEqualTo(3);

        JsonNode map = rest.getForEntity("/report/api/map", JsonNode.class).getBody();
        assertThat(map.findValuesAsText("code")).contains(GRID, OTHER_GRID);
        assertThat(map.get(0).path("ring").size()).isGreaterThan(3);
    }

    @Test
    @Order(7)
    void staffPrintAGridsQrCodeAndPosterAndACommunitysPostersInOneZip() throws Exception {
        // the code opens the report page with the grid preset
        ResponseEntity<byte[]> png = as("maxiuying").getForEntity("/api/registry/areas/" + GRID + "/qr.png", byte[].class);
        assertThat(png.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(decode(png.getBody())).endsWith("/report?grid=" + GRID);

        // the poster names the grid and its grid worker with the work phone
        ResponseEntity<String> poster = as("maxiuying").getForEntity("/api/registry/areas/" + GRID + "/poster",
                String.class);
        assertThat(poster.getBody()).contains("东湖社区第一网格", "网格员 张伟", "扫一扫", "data:image/png;base64,");

        // a community's zip holds a poster and a code per grid
        ResponseEntity<byte[]> zip = as("zhoulihua").getForEntity("/api/registry/areas/SFZ-C01/posters.zip",
                byte[].class);
        assertThat(zip.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.getBody()), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("SFZ-C01-G01.png", "SFZ-C01-G02.png", "SFZ-C01-G03.png")
                .anyMatch(n -> n.startsWith("SFZ-C01-G01-") && n.endsWith(".html"));

        // only for staff; only for grids
        assertThat(rest.getForEntity("/api/registry/areas/" + GRID + "/qr.png", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertProblem(get("maxiuying", "/api/registry/areas/SFZ-C01/poster"), 400);
        assertProblem(get("maxiuying", "/api/registry/areas/NOWHERE/qr.png"), 404);
    }

    @Test
    @Order(8)
    void aPhotoOverTheSizeLimitIsRefusedAndWhenTheSurveyAsksTheStatusPageLinksToIt() throws Exception {
        // a photo beyond gridcase.attachments.max-bytes (256 KB in tests) is a 413: the servlet's multipart limit
        // refuses it before the page's own checks, naming the upload "file" as on every endpoint (the page shows it
        // at its photos)
        byte[] big = new byte[300 * 1024];
        new java.util.Random(7).nextBytes(big);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 0, big, 0, 3);
        ResponseEntity<JsonNode> oversized = file(form("SANITATION", "很大的照片", LAT, LNG, null, PHONE, null),
                List.of(new NamedBytes("big.jpg", big)));
        assertThat(errorFields(assertProblem(oversized, 413))).containsExactly("file");

        // Given a report the grid verified and resolved
        ResponseEntity<JsonNode> filed = file(form("SANITATION", "6号楼门前落叶堆积", LAT, LNG, null, "13712340005", null),
                List.of());
        String tn = filed.getBody().path("trackingNumber").asText();
        String key = key(filed.getBody().path("statusUrl").asText());
        work(tn, Map.of("verifyOutcome", "VALID", "verifyNote", "属实"));
        work(tn, Map.of("handlingOutcome", "RESOLVED", "handlingNote", "落叶已清扫"));

        // Then the status page says so and links to the survey, which shows the case
        JsonNode status = rest.getForEntity("/report/api/status/" + tn + "?k=" + key, JsonNode.class).getBody();
        assertThat(status.path("status").asText()).isEqualTo("回访中");
        String survey = status.path("surveyUrl").asText();
        assertThat(survey).startsWith("/survey/");
        assertThat(rest.getForEntity(survey, String.class).getBody()).contains(tn, "落叶已清扫");
        assertThat(status.toString()).doesNotContain("落叶已清扫", "属实");
    }

    @Test
    @Order(100)
    void aFloodFromOneAddressIsStoppedWith429() {
        int cases = count("case_file");
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            ResponseEntity<JsonNode> answer = file(form("SANITATION", "洪水 " + i, LAT, LNG, null,
                    "1371234" + String.format("%04d", 1000 + i), null), List.of());
            if (answer.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
                refused++;
            }
        }
        // the earlier tests of this class and this flood share 20 reports an hour from 127.0.0.1
        assertThat(refused).isGreaterThanOrEqualTo(5);
        assertThat(count("case_file") - cases).isEqualTo(25 - refused);
    }

    // ---------------------------------------------------------------- helpers

    record NamedBytes(String name, byte[] bytes) {
    }

    private MultiValueMap<String, Object> form(String category, String description, Double lat, Double lng,
            String gridCode, String phone, String name) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("category", category);
        form.add("description", description);
        if (lat != null) {
            form.add("lat", String.valueOf(lat));
            form.add("lng", String.valueOf(lng));
        }
        if (gridCode != null) {
            form.add("gridCode", gridCode);
        }
        form.add("phone", phone);
        if (name != null) {
            form.add("name", name);
        }
        Map<String, String> proof = proof();
        form.add("challenge", proof.get("challenge"));
        form.add("nonce", proof.get("nonce"));
        return form;
    }

    private ResponseEntity<JsonNode> file(MultiValueMap<String, Object> form, List<NamedBytes> photos) {
        for (NamedBytes photo : photos) {
            form.add("photos", new ByteArrayResource(photo.bytes()) {
                @Override
                public String getFilename() {
                    return photo.name();
                }
            });
        }
        return post(form);
    }

    private ResponseEntity<JsonNode> post(MultiValueMap<String, Object> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.postForEntity("/report/api/reports", new HttpEntity<>(form, headers), JsonNode.class);
    }

    /** Solves the page's proof of work as its script does. */
    private Map<String, String> proof() {
        JsonNode challenge = rest.getForEntity("/report/api/challenge", JsonNode.class).getBody();
        String text = challenge.path("challenge").asText();
        int bits = challenge.path("bits").asInt();
        for (long nonce = 0; ; nonce++) {
            if (AbuseGuard.leadingZeroBits(AbuseGuard.sha256(text + ":" + nonce)) >= bits) {
                return Map.of("challenge", text, "nonce", String.valueOf(nonce));
            }
        }
    }

    private void work(String tn, Map<String, Object> variables) {
        org.camunda.bpm.engine.task.Task task = taskService.createTaskQuery().processInstanceBusinessKey(tn)
                .singleResult();
        taskService.claim(task.getId(), "zhangwei");
        taskService.complete(task.getId(), variables);
    }

    private static String key(String statusUrl) {
        return statusUrl.substring(statusUrl.indexOf("?k=") + 3);
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    private static NamedBytes photo(String name, String format) throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 140, 120));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return new NamedBytes(name, out.toByteArray());
    }

    /** A valid PNG signature and IHDR declaring 50000 × 50000 pixels, and nothing else. */
    private static byte[] hugePngHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = java.nio.ByteBuffer.allocate(13).putInt(50_000).putInt(50_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("IHDR".getBytes(StandardCharsets.US_ASCII));
        crc.update(ihdr);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        out.write("IHDR".getBytes(StandardCharsets.US_ASCII));
        out.write(ihdr);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
