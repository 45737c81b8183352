package org.gridcase.metrics;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page (指挥大屏) at {@code /dashboard}. The page itself is static and public like every page outside
 * {@code /api} (see SecurityConfig), but it holds no figures: its script reads every number from the authenticated
 * {@code /api/metrics/*} endpoints on the caller's Camunda webapp session, so a visitor without a login sees only a
 * link to log in, and a logged-in user only his own scope.
 */
@Controller
class DashboardPage {

    // ECharts writes its canvases' sizes through the CSSOM; inline style attributes are allowed for its tooltips
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'self'; "
            + "form-action 'self'; base-uri 'none'";

    @GetMapping(path = {"/dashboard", "/dashboard/"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header("Content-Security-Policy", PAGE_POLICY).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .body(new ClassPathResource("static/dashboard/index.html"));
    }
}
