package org.gridcase.metrics;

import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.casefile.CaseAccess;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rates of a period (三率) for an area, department, case kind and category, as JSON or CSV; the light board (亮灯)
 * and the month's assessment (考核).
 */
@RestController
@RequestMapping("/api/metrics")
class MetricsController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Metrics metrics;

    MetricsController(Metrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/rates")
    Rates rates(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String area, @RequestParam(required = false) String department,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String category,
            Authentication caller) {
        return metrics.rates(caller(caller), new Metrics.Question(from, to, area, department, kind, category));
    }

    /** The same figures: a header line of the JSON's names and one line of values (an empty cell for a null rate). */
    @GetMapping("/rates.csv")
    ResponseEntity<String> ratesCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String area,
            @RequestParam(required = false) String department, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String category, Authentication caller) {
        Rates rates = rates(from, to, area, department, kind, category, caller);
        String body = String.join(",", Rates.COLUMNS) + "\r\n"
                + rates.values().stream().map(String::valueOf).collect(Collectors.joining(",")) + "\r\n";
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"rates.csv\"").body(body);
    }

    /** The rates day by day, week by week or month by month ({@code period=day|week|month}). */
    @GetMapping("/rates/series")
    RateSeries series(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String period, @RequestParam(required = false) String area,
            @RequestParam(required = false) String department, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String category, Authentication caller) {
        return metrics.series(caller(caller), new Metrics.Question(from, to, area, department, kind, category),
                period);
    }

    /** The same series: a line per period, its first and last day before the figures. */
    @GetMapping("/rates/series.csv")
    ResponseEntity<String> seriesCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String period,
            @RequestParam(required = false) String area, @RequestParam(required = false) String department,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String category,
            Authentication caller) {
        RateSeries series = series(from, to, period, area, department, kind, category, caller);
        StringBuilder body = new StringBuilder("from,to,").append(String.join(",", Rates.COLUMNS)).append("\r\n");
        for (RateSeries.Point point : series.points()) {
            body.append(point.from()).append(',').append(point.to()).append(',')
                    .append(point.rates().values().stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return ResponseEntity.ok().contentType(CSV).header("Content-Disposition",
                "attachment; filename=\"rates-" + series.period() + ".csv\"").body(body.toString());
    }

    /** The light board (亮灯) of an area or department, or of the caller's whole view. */
    @GetMapping("/lights")
    LightBoard lights(@RequestParam(required = false) String area, @RequestParam(required = false) String department,
            Authentication caller) {
        return metrics.lights(caller(caller), area, department);
    }

    /** The month's assessment (考核) per staff member, and per department when one is asked for. */
    @GetMapping("/assessment")
    Assessment assessment(@RequestParam(required = false) String month, @RequestParam(required = false) String area,
            @RequestParam(required = false) String department, Authentication caller) {
        return metrics.assessment(caller(caller), month, area, department);
    }

    /**
     * The same rows for Excel: UTF-8 with a byte order mark (so Excel reads the Chinese names), the JSON's names as
     * header, an empty cell for a null rate, names quoted.
     */
    @GetMapping("/assessment.csv")
    ResponseEntity<String> assessmentCsv(@RequestParam(required = false) String month,
            @RequestParam(required = false) String area, @RequestParam(required = false) String department,
            Authentication caller) {
        Assessment assessment = assessment(month, area, department, caller);
        StringBuilder body = new StringBuilder("\uFEFF").append(String.join(",", Assessment.COLUMNS)).append("\r\n");
        for (Assessment.Row row : assessment.rows()) {
            body.append(row.values().stream().map(MetricsController::cell).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return ResponseEntity.ok().contentType(CSV).header("Content-Disposition",
                "attachment; filename=\"assessment-" + assessment.month() + ".csv\"").body(body.toString());
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static CaseAccess.Caller caller(Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new CaseAccess.Caller(caller.getName(), groups);
    }
}
