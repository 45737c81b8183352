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

/** The rates of a period (三率) for an area, department, case kind and category, as JSON or CSV. */
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

    private static CaseAccess.Caller caller(Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new CaseAccess.Caller(caller.getName(), groups);
    }
}
