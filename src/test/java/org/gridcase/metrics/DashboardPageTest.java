package org.gridcase.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The dashboard page is public but holds no figures: its script, ECharts and the API it reads behind login. */
class DashboardPageTest extends GridCaseTest {

    @Test
    void thePageAndEchartsAnswerWithoutLoginButTheFiguresNeedOne() {
        ResponseEntity<String> page = rest.getForEntity("/dashboard", String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.getBody()).contains("指挥大屏", "/webjars/echarts/5.3.1/dist/echarts.min.js",
                "/dashboard/dashboard.js");

        assertThat(rest.getForEntity("/dashboard/dashboard.js", String.class).getBody())
                .contains("/api/metrics/rates", "/api/metrics/lights", "亮灯数据暂不可用");
        ResponseEntity<String> echarts = rest.getForEntity("/webjars/echarts/5.3.1/dist/echarts.min.js",
                String.class);
        assertThat(echarts.getStatusCode().value()).isEqualTo(200);
        assertThat(echarts.getBody()).contains("echarts");

        // the page's own call without a session: 401 without the browser's login dialog
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Requested-With", "XMLHttpRequest");
        ResponseEntity<String> figures = rest.exchange("/api/metrics/rates?from=2026-11-01&to=2026-11-30",
                HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(figures.getStatusCode().value()).isEqualTo(401);
        assertThat(figures.getHeaders().getFirst("WWW-Authenticate")).isNull();
    }
}
