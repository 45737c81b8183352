package org.gridcase.identity;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.gridcase.support.ServletStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The engine request guard: one servlet filter in front of the engine REST API ({@code /engine-rest/*}) and the
 * webapps' APIs ({@code /camunda/api/*}: engine, Cockpit, Tasklist, Admin), right after Spring Security.
 * <ol>
 * <li>A body over {@code gridcase.engine-api.max-body} (a multipart upload over {@code max-upload}) is a 413.</li>
 * <li>No expression comes in: a query parameter or JSON key at any depth ending in {@code Expression}, or any string
 * containing {@code ${} or {@code #{}, is a 400, for every user. Camunda 7 CE evaluates expressions of {@code orQueries}
 * and of filter-extending queries although ad-hoc expressions are off; only an administrator's stored filter query
 * ({@code POST /filter/create}, {@code PUT /filter/{id}}) may carry them.</li>
 * <li>State-changing engine calls of anyone but an administrator must be on {@link EngineCallPolicy}'s list (403
 * otherwise); a task completion passes {@link CompletionCheck}.</li>
 * <li>Error answers are rewritten by {@link EngineAnswers}: no SQL, class names or stack traces leave the server.</li>
 * </ol>
 */
@Configuration
class EngineRequestGuard {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRequestGuardRegistration(CompletionCheck completions,
            EngineApiProperties properties, ObjectMapper mapper) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Guard(completions, properties, mapper));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setName("engine-request-guard");
        // after Spring Security's chain: the caller of /engine-rest is authenticated by then
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    private static final Pattern ENGINE_REST = Pattern.compile("/engine-rest(/engine/[^/]+)?(/.*)?");
    private static final Pattern WEBAPP_ENGINE = Pattern.compile("/camunda/api/engine(/engine/([^/]+))?(/.*)?");

    /**
     * The engine-relative path of a call ({@code /task/1/complete}) whichever way it came in: {@code /engine-rest/…},
     * {@code /engine-rest/engine/{name}/…}, {@code /camunda/api/engine/engine/{name}/…}; null for the other webapp
     * APIs (Cockpit, Tasklist and Admin plugins, login), which are not the engine API.
     */
    static String enginePath(String path) {
        Matcher rest = ENGINE_REST.matcher(path);
        if (rest.matches()) {
            return trim(rest.group(2));
        }
        Matcher webapp = WEBAPP_ENGINE.matcher(path);
        if (webapp.matches()) {
            return trim(webapp.group(3));
        }
        return null;
    }

    private static String trim(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "/" : p;
    }

    static final class Guard extends OncePerRequestFilter {

        private static final Logger log = LoggerFactory.getLogger(EngineRequestGuard.class);
        private static final Set<String> NO_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

        private final CompletionCheck completions;
        private final EngineApiProperties properties;
        private final ObjectMapper mapper;
        /** Reads more than any client may send, so nothing the engine would accept hides from the check. */
        private final ObjectMapper lenient = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
                        JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                        JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                        JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                        JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

        Guard(CompletionCheck completions, EngineApiProperties properties, ObjectMapper mapper) {
            this.completions = completions;
            this.properties = properties;
            this.mapper = mapper;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path;
            try {
                path = UriUtils.decode(request.getRequestURI().substring(request.getContextPath().length()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                refuse(response, 400, EngineAnswers.problem(400, "请求有误", "请求地址格式错误"));
                return;
            }
            String method = request.getMethod().toUpperCase(Locale.ROOT);
            String enginePath = enginePath(path);
            EngineCallPolicy.Caller caller = caller(request, path);

            // 1. size
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            boolean multipart = type.startsWith("multipart/");
            long limit = (multipart ? properties.maxUpload() : properties.maxBody()).toBytes();
            if (request.getContentLengthLong() > limit) {
                tooLarge(response, limit);
                return;
            }

            // 2. expressions in query parameters
            List<FieldProblem> faults = new ArrayList<>();
            try {
                checkQuery(request.getQueryString(), faults);
            } catch (IllegalArgumentException e) {
                refuse(response, 400, EngineAnswers.problem(400, "请求有误", "查询参数格式错误"));
                return;
            }

            // 3. the body: read (bounded) and checked, unless it is an upload or the webapps' login form
            byte[] body = null;
            JsonNode json = null;
            // only the webapps' own forms (login) may skip the check: an engine call's body is always read as JSON
            boolean form = enginePath == null && type.startsWith("application/x-www-form-urlencoded");
            if (!NO_BODY.contains(method) && !multipart && !form) {
                body = readBounded(request.getInputStream(), limit);
                if (body == null) {
                    tooLarge(response, limit);
                    return;
                }
                String text = new String(body, StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    try {
                        json = lenient.readTree(text);
                    } catch (IOException e) {
                        if (type.contains("json")) {
                            refuse(response, 400, EngineAnswers.invalid("请求体不是有效的 JSON",
                                    List.of(new FieldProblem("body", "格式错误"))));
                            return;
                        }
                        if (text.contains("${") || text.contains("#{")) {
                            faults.add(new FieldProblem("body", "不允许包含表达式"));
                        }
                    }
                }
                if (json != null && (enginePath == null || !EngineCallPolicy.storesAQuery(method, enginePath, caller))) {
                    checkJson(json, "", faults);
                }
            }
            if (!faults.isEmpty()) {
                log.info("Refused an expression from {} on {} {}: {}", caller.userId(), method, path, faults);
                refuse(response, 400, EngineAnswers.invalid("请求中不允许使用表达式", faults));
                return;
            }

            // 4. what the caller may change
            if (enginePath != null) {
                EngineCallPolicy.Decision decision = EngineCallPolicy.decide(method, enginePath, caller);
                switch (decision.verdict()) {
                    case DENY -> {
                        forbidden(response, caller, method, path);
                        return;
                    }
                    case CLAIM_FOR_SELF -> {
                        String userId = json == null ? null : json.path("userId").asText(null);
                        if (caller.userId() == null || !caller.userId().equals(userId)) {
                            forbidden(response, caller, method, path);
                            return;
                        }
                    }
                    case OWN_ACCOUNT -> {
                        if (caller.userId() == null || !caller.userId().equals(decision.id())) {
                            forbidden(response, caller, method, path);
                            return;
                        }
                    }
                    case COMPLETE -> {
                        if (!caller.admin() && multipart) {
                            refuse(response, 400, EngineAnswers.invalid("提交内容有误：只接受 JSON",
                                    List.of(new FieldProblem("body", "格式错误"))));
                            return;
                        }
                        if (!caller.admin()) {
                            Optional<CompletionCheck.Result> result = completions.check(decision.id(),
                                    json == null ? mapper.createObjectNode() : json);
                            if (result.isPresent() && !result.get().faults().isEmpty()) {
                                log.info("Refused the completion of task {} by {}: {}", decision.id(), caller.userId(),
                                        result.get().faults());
                                refuse(response, 400, EngineAnswers.invalid("提交内容有误：只能提交该任务表单中的字段",
                                        result.get().faults()));
                                return;
                            }
                            if (result.isPresent() && json != null) {
                                body = mapper.writeValueAsBytes(result.get().body());
                            }
                        }
                    }
                    case ALLOW -> {
                    }
                }
            }

            // 5. on to the engine; its error answers come back through EngineAnswers
            HttpServletRequest passed = request;
            LimitedInput upload = null;
            if (body != null) {
                passed = new BodyRequest(request, body);
            } else if (multipart) {
                upload = new LimitedInput(request.getInputStream(), limit);
                passed = new BodyRequest(request, upload);
            }
            EngineAnswers.Capture capture = new EngineAnswers.Capture(response);
            try {
                chain.doFilter(passed, capture);
            } catch (IOException | ServletException | RuntimeException e) {
                if (upload != null && upload.exceeded) {
                    tooLarge(response, limit);
                    return;
                }
                if (response.isCommitted()) {
                    throw e;
                }
                String incident = UUID.randomUUID().toString().substring(0, 8);
                log.warn("{} {} failed [incident {}]: {}", method, path, incident, e.toString());
                log.debug("Failure of incident {}", incident, e);
                Map<String, Object> problem = EngineAnswers.problem(500, "服务器错误",
                        "服务器内部错误，请稍后重试或联系管理员（编号 " + incident + "）");
                problem.put("incident", incident);
                EngineAnswers.write(response, 500, problem, mapper);
                return;
            }
            if (upload != null && upload.exceeded && !response.isCommitted()) {
                tooLarge(response, limit);
                return;
            }
            EngineAnswers.finish(capture, response, method, path, mapper);
        }

        /** The caller: Spring Security's user on /engine-rest, the webapp session's user on /camunda/api. */
        private static EngineCallPolicy.Caller caller(HttpServletRequest request, String path) {
            if (path.startsWith("/engine-rest")) {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
                    return EngineCallPolicy.Caller.NOBODY;
                }
                Set<String> groups = new HashSet<>();
                for (GrantedAuthority a : auth.getAuthorities()) {
                    groups.add(a.getAuthority());
                }
                return new EngineCallPolicy.Caller(auth.getName(), Set.copyOf(groups));
            }
            HttpSession session = request.getSession(false);
            Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
            Matcher webapp = WEBAPP_ENGINE.matcher(path);
            String engine = webapp.matches() && webapp.group(2) != null ? webapp.group(2) : "default";
            if (auths == null || !auths.hasAuthenticationForProcessEngine(engine)) {
                return EngineCallPolicy.Caller.NOBODY;
            }
            org.camunda.bpm.webapp.impl.security.auth.Authentication user =
                    auths.getAuthenticationForProcessEngine(engine);
            Set<String> groups = user instanceof UserAuthentication u && u.getGroupIds() != null
                    ? Set.copyOf(u.getGroupIds()) : Set.of();
            return new EngineCallPolicy.Caller(user.getName(), groups);
        }

        private static void checkQuery(String query, List<FieldProblem> faults) {
            if (query == null || query.isEmpty()) {
                return;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (isExpressionName(name) || hasExpression(name) || hasExpression(value)) {
                    faults.add(new FieldProblem(name, "不允许在查询中使用表达式"));
                }
            }
        }

        /** Every key and string at any depth: objects, arrays, orQueries, sorting, variables. */
        private static void checkJson(JsonNode node, String at, List<FieldProblem> faults) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                    if (isExpressionName(field.getKey()) || hasExpression(field.getKey())) {
                        faults.add(new FieldProblem(path, "不允许在查询中使用表达式"));
                    } else {
                        checkJson(field.getValue(), path, faults);
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkJson(node.get(i), at + "[" + i + "]", faults);
                }
            } else if (node.isTextual() && hasExpression(node.asText())) {
                faults.add(new FieldProblem(at.isEmpty() ? "body" : at, "不允许包含表达式 ${…} 或 #{…}"));
            }
        }

        private static boolean isExpressionName(String name) {
            return name.toLowerCase(Locale.ROOT).endsWith("expression");
        }

        private static boolean hasExpression(String s) {
            return s.contains("${") || s.contains("#{");
        }

        /** The body, or null when it is longer than the limit. */
        private static byte[] readBounded(InputStream in, long limit) throws IOException {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return bytes.length > limit ? null : bytes;
        }

        private void forbidden(HttpServletResponse response, EngineCallPolicy.Caller caller, String method,
                String path) throws IOException {
            log.info("Refused {} {} to {}", method, path, caller.userId());
            refuse(response, 403, EngineAnswers.problem(403, "无权限", "当前用户无权执行此操作"));
        }

        private void tooLarge(HttpServletResponse response, long limit) throws IOException {
            refuse(response, 413, EngineAnswers.problem(413, "请求内容过大",
                    "请求内容超过 " + (limit / 1024) + " KB 的上限"));
        }

        private void refuse(HttpServletResponse response, int status, Map<String, Object> problem)
                throws IOException {
            EngineAnswers.write(response, status, problem, mapper);
        }
    }

    /** Counts an upload's bytes as the engine reads them and stops it at the limit. */
    static final class LimitedInput extends FilterInputStream {
        private final long limit;
        private long read;
        volatile boolean exceeded;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                exceeded = true;
                throw new IOException("upload larger than " + limit + " bytes");
            }
        }
    }

    /** The request with a body read (and maybe rewritten) by the guard. */
    static final class BodyRequest extends HttpServletRequestWrapper {
        private final InputStream in;
        private final long length;

        BodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.in = new ByteArrayInputStream(body);
            this.length = body.length;
        }

        BodyRequest(HttpServletRequest request, InputStream in) {
            super(request);
            this.in = in;
            this.length = request.getContentLengthLong();
        }

        @Override
        public ServletInputStream getInputStream() {
            return ServletStreams.of(in);
        }

        @Override
        public int getContentLength() {
            return length > Integer.MAX_VALUE ? -1 : (int) length;
        }

        @Override
        public long getContentLengthLong() {
            return length;
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
