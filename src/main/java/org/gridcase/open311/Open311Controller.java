package org.gridcase.open311;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridcase.casefile.CaseFile;
import org.gridcase.open311.ServiceCatalogue.Attribute;
import org.gridcase.open311.ServiceCatalogue.Service;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under {@code /open311/v2/}, in XML and JSON (the path's
 * extension). No staff login: reading is public; a POST carries the client's {@code api_key}, counted against its
 * rate limit. Errors are GeoReport's {@code errors} list (see {@link Open311Errors}).
 */
@RestController
@RequestMapping("/open311/v2")
class Open311Controller {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

    private final Open311Service open311;
    private final ApiKeyService keys;
    private final RateLimits rateLimits;
    private final Open311Properties properties;

    Open311Controller(Open311Service open311, ApiKeyService keys, RateLimits rateLimits,
            Open311Properties properties) {
        this.open311 = open311;
        this.keys = keys;
        this.rateLimits = rateLimits;
        this.properties = properties;
    }

    @GetMapping("/discovery.{format}")
    ResponseEntity<byte[]> discovery(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        String base = properties.baseUrl().isBlank()
                ? ServletUriComponentsBuilder.fromContextPath(request).path("/open311/v2").toUriString()
                : properties.baseUrl();
        ObjectNode body = Open311Format.object().put("changeset", properties.changeset())
                .put("contact", properties.contact())
                .put("key_service", "API key 由平台管理员签发（POST /api/open311/keys），请联系平台管理员");
        ObjectNode endpoint = body.putArray("endpoints").addObject().put("specification", SPECIFICATION)
                .put("url", base).put("changeset", properties.changeset()).put("type", "production");
        endpoint.putArray("formats").add("text/xml").add("application/json");
        return f.answer(200, "discovery", null, body);
    }

    @GetMapping("/services.{format}")
    ResponseEntity<byte[]> services(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        jurisdiction(request);
        ArrayNode list = Open311Format.array();
        for (Service s : open311.services()) {
            list.addObject().put("service_code", s.code()).put("service_name", s.name())
                    .put("description", s.description()).put("metadata", s.metadata())
                    .put("type", ServiceCatalogue.TYPE).put("keywords", s.keywords()).put("group", s.group());
        }
        return f.answer(200, "services", "service", list);
    }

    @GetMapping("/services/{code}.{format}")
    ResponseEntity<byte[]> definition(@PathVariable String code, @PathVariable String format,
            HttpServletRequest request) {
        Open311Format f = format(format);
        jurisdiction(request);
        Service s = open311.service(code)
                .orElseThrow(() -> new Open311Exception(404, "service_code: 未知的服务代码"));
        ObjectNode body = Open311Format.object().put("service_code", s.code());
        ArrayNode attributes = body.putArray("attributes");
        for (Attribute a : s.attributes()) {
            ObjectNode node = attributes.addObject().put("variable", a.variable()).put("code", a.code())
                    .put("datatype", a.datatype().code()).put("required", a.required())
                    .put("datatype_description", a.datatypeDescription()).put("order", a.order())
                    .put("description", a.description());
            ArrayNode values = node.putArray("values");
            a.values().forEach(v -> values.addObject().put("key", v.key()).put("name", v.name()));
        }
        return f.answer(200, "service_definition", null, body);
    }

    @PostMapping("/requests.{format}")
    ResponseEntity<byte[]> create(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        if (request.getContentLengthLong() > properties.maxBody().toBytes()) {
            throw new Open311Exception(413, "请求体过大，最大 " + properties.maxBody().toKilobytes() + " KB");
        }
        String contentType = request.getContentType();
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            throw new Open311Exception(400, "Content-Type 须为 application/x-www-form-urlencoded");
        }
        Map<String, String[]> params = request.getParameterMap();
        ApiKey key = keys.recognise(Open311Service.text(params, "api_key"))
                .orElseThrow(() -> new Open311Exception(403, "api_key: 缺少或无效的 API key"));
        if (!rateLimits.tryAcquire(key.getId())) {
            throw new Open311Exception(429, "请求过于频繁，超过本 API key 的频率限制，请稍后再试");
        }
        jurisdiction(request);
        Open311Service.Submitted submitted = open311.submit(key, params);
        ArrayNode body = Open311Format.array();
        body.addObject().put("service_request_id", submitted.serviceRequestId()).put("token", submitted.token())
                .put("service_notice", submitted.serviceNotice()).put("account_id", submitted.accountId());
        return f.answer(201, "service_requests", "request", body);
    }

    @GetMapping("/requests.{format}")
    ResponseEntity<byte[]> list(@PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        jurisdiction(request);
        List<Open311Service.Row> rows = open311.list(request.getParameterMap());
        ArrayNode body = Open311Format.array();
        Map<String, String> agencies = open311.newAgencyCache();
        rows.forEach(row -> body.add(view(row, agencies)));
        return f.answer(200, "service_requests", "request", body);
    }

    @GetMapping("/requests/{id}.{format}")
    ResponseEntity<byte[]> one(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        Open311Format f = format(format);
        jurisdiction(request);
        Open311Service.Row row = open311.one(id)
                .orElseThrow(() -> new Open311Exception(404, "service_request_id: 诉求不存在"));
        ArrayNode body = Open311Format.array();
        body.add(view(row, open311.newAgencyCache()));
        return f.answer(200, "service_requests", "request", body);
    }

    @GetMapping("/tokens/{token}.{format}")
    ResponseEntity<byte[]> token(@PathVariable String token, @PathVariable String format,
            HttpServletRequest request) {
        Open311Format f = format(format);
        jurisdiction(request);
        Open311Request found = open311.byToken(token)
                .orElseThrow(() -> new Open311Exception(404, "token: 不存在"));
        ArrayNode body = Open311Format.array();
        body.addObject().put("service_request_id", found.getTrackingNumber()).put("token", found.getToken());
        return f.answer(200, "service_requests", "request", body);
    }

    /** Anything else under /open311/v2/: 404 in GeoReport's format. */
    @RequestMapping("/**")
    ResponseEntity<byte[]> unknown() {
        throw new Open311Exception(404, "没有这个 GeoReport 资源，见 discovery.xml");
    }

    /** A request as the public sees it: never the reporter's name, phone, e-mail, device or account. */
    private ObjectNode view(Open311Service.Row row, Map<String, String> agencies) {
        CaseFile c = row.file();
        Open311Request r = row.request();
        boolean closed = c.getStatus().finished();
        String notes = c.getStatus().label()
                + (closed && c.getOutcomeNote() != null ? "：" + c.getOutcomeNote() : "");
        Optional<Service> service = open311.service(r.getServiceCode());
        ObjectNode node = Open311Format.object().put("service_request_id", c.getTrackingNumber())
                .put("status", closed ? "closed" : "open").put("status_notes", notes)
                .put("service_name", service.map(Service::name).orElse(null)).put("service_code", r.getServiceCode())
                .put("description", c.getDescription()).put("agency_responsible", open311.agency(c, agencies))
                .put("service_notice", service.map(Service::notice).orElse(null))
                .put("requested_datetime", Open311Format.time(c.getCreatedAt()))
                .put("updated_datetime", Open311Format.time(closed && c.getClosedAt() != null ? c.getClosedAt()
                        : c.getUpdatedAt()))
                .put("expected_datetime", Open311Format.time(c.getHandlingDueAt()))
                .put("address", c.getAddress()).put("address_id", r.getAddressId());
        if (c.getLat() != null && c.getLng() != null) {
            node.put("lat", c.getLat()).put("long", c.getLng());
        } else {
            node.putNull("lat").putNull("long");
        }
        node.put("media_url", r.getMediaUrl());
        return node;
    }

    private static Open311Format format(String extension) {
        Open311Format f = Open311Format.of(extension);
        if (f == null) {
            throw new Open311Exception(400, "格式须为 xml 或 json（例如 services.xml）");
        }
        return f;
    }

    /** One jurisdiction is served here: another one named is 404, as the spec says. */
    private void jurisdiction(HttpServletRequest request) {
        String id = request.getParameter("jurisdiction_id");
        if (id != null && !id.isBlank() && !id.strip().equals(properties.jurisdictionId())) {
            throw new Open311Exception(404, "jurisdiction_id: 本接口只服务 " + properties.jurisdictionId());
        }
    }
}
