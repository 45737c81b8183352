package org.gridcase.report;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridcase.registry.Registry;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The public report page without login (随手拍): {@code GET /report} and {@code GET /report/{trackingNumber}} are
 * static pages ({@code static/report/}) that talk to the JSON endpoints under {@code /report/api/}. Public by design,
 * like the survey page: {@code identity/SecurityConfig} sends only {@code /api/**}, {@code /engine-rest/**} and
 * {@code /actuator/**} through the login chain. Errors are problem+json naming each bad field.
 */
@Controller
class ReportController {

    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final PublicReports reports;
    private final AbuseGuard guard;

    ReportController(PublicReports reports, AbuseGuard guard) {
        this.reports = reports;
        this.guard = guard;
    }

    @GetMapping(path = {"/report", "/report/"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<org.springframework.core.io.Resource> page() {
        return html("static/report/index.html");
    }

    @GetMapping(path = "/report/{trackingNumber:[A-Z]{2}-\\d{8}-\\d{4,}}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<org.springframework.core.io.Resource> statusPage(@PathVariable String trackingNumber) {
        return html("static/report/status.html");
    }

    @GetMapping("/report/api/form")
    @ResponseBody
    PublicReports.Form form(@RequestParam(required = false) String grid) {
        return reports.form(grid);
    }

    @GetMapping("/report/api/map")
    @ResponseBody
    ResponseEntity<List<Registry.GridOutline>> map() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(10))).body(reports.map());
    }

    @GetMapping("/report/api/challenge")
    @ResponseBody
    ResponseEntity<AbuseGuard.Challenge> challenge() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(guard.challenge());
    }

    @GetMapping("/report/api/nearby")
    @ResponseBody
    List<PublicReports.Nearby> nearby(@RequestParam(required = false) String category,
            @RequestParam(required = false) Double lat, @RequestParam(required = false) Double lng) {
        return reports.nearby(category, lat, lng);
    }

    @PostMapping(path = "/report/api/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    ResponseEntity<PublicReports.Filed> file(@RequestParam(required = false) String category,
            @RequestParam(required = false) String description, @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng, @RequestParam(required = false) String address,
            @RequestParam(required = false) String gridCode, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String name, @RequestParam(required = false) String challenge,
            @RequestParam(required = false) String nonce,
            @RequestPart(name = "photos", required = false) List<MultipartFile> photos, HttpServletRequest request) {
        List<MultipartFile> files = new ArrayList<>();
        for (MultipartFile photo : photos == null ? List.<MultipartFile>of() : photos) {
            if (photo != null && !photo.isEmpty()) {
                files.add(photo);
            }
        }
        PublicReports.Filed filed = reports.file(new PublicReports.ReportForm(category, description, lat, lng, address,
                gridCode, phone, name, challenge, nonce), files,
                files.stream().map(MultipartFile::getOriginalFilename).toList(), request.getRemoteAddr());
        return ResponseEntity.created(URI.create(filed.statusUrl())).cacheControl(CacheControl.noStore()).body(filed);
    }

    @PostMapping(path = "/report/api/follow", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, String>> follow(@org.springframework.web.bind.annotation.RequestBody(required = false)
            Map<String, String> body, HttpServletRequest request) {
        Map<String, String> in = body == null ? Map.of() : body;
        String url = reports.follow(in.get("trackingNumber"), in.get("challenge"), in.get("nonce"),
                request.getRemoteAddr());
        return ResponseEntity.created(URI.create(url)).cacheControl(CacheControl.noStore())
                .body(Map.of("statusUrl", url));
    }

    @GetMapping("/report/api/status/{trackingNumber}")
    @ResponseBody
    ResponseEntity<PublicReports.Status> status(@PathVariable String trackingNumber,
            @RequestParam(required = false) String k) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(reports.status(trackingNumber, k));
    }

    private static ResponseEntity<org.springframework.core.io.Resource> html(String path) {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", PAGE_POLICY).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .body(new org.springframework.core.io.ClassPathResource(path));
    }
}
