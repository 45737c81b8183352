package org.gridcase.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gridcase.support.FormRejectedException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.gridcase.support.StatusProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * What the engine API answers when something goes wrong. The engine's own error answers carry its messages: SQL
 * statements with table and column names, Java class names, wrapped listener messages ("ENGINE-03051 … TaskListener").
 * Staff and callers get problem+json instead: a form refused by a task listener is a 400 with the listener's Chinese
 * text only; any 5xx is a generic Chinese 500 with an incident id, the engine's message is logged once on the server
 * under that id; a 4xx whose text would show SQL or class names is replaced by a generic one.
 */
final class EngineAnswers {

    private static final Logger log = LoggerFactory.getLogger(EngineAnswers.class);

    static final String INVALID = "https://gridcase.org/problems/invalid-input";

    /** Text that must not leave the server: SQL, Camunda table names, qualified class names, stack frames. */
    private static final Pattern LEAK = Pattern.compile("(?i)(\\bsql|###|\\bact_[a-z]{2}_|\\bselect\\b.+\\bfrom\\b"
            + "|\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b|\\b(java|javax|jakarta|org|com)\\.[a-z_]+\\.[\\w.$]+"
            + "|\\bat\\s+[\\w.$]+\\(|\\w+(Exception|Error)\\b\\s*:)");

    /**
     * How the engine says that the object of a call does not exist ("Cannot find task with id …: task is null",
     * "execution … doesn't exist: execution is null"), which the engine API answers as a 500.
     */
    private static final Pattern UNKNOWN_OBJECT = Pattern.compile("(?is)(cannot find|doesn't exist|does not exist)"
            + ".*: \\w+ is null$");

    /** A deployment (create or redeploy) of the engine API. */
    private static final Pattern DEPLOYMENT = Pattern.compile("/deployment/(create|[^/]+/redeploy)$");

    /** The engine's words for a resource it cannot read as XML (ENGINE-09003) or transform as DMN (ENGINE-22004). */
    private static final Pattern UNREADABLE_MODEL = Pattern.compile("^ENGINE-(09003|22004) ");

    private EngineAnswers() {
    }

    /** Collects the body of an error answer (status 400 and more) instead of sending it; others pass straight on. */
    static final class Capture extends HttpServletResponseWrapper {

        private int status = HttpServletResponse.SC_OK;
        private ByteArrayOutputStream body;
        private ServletOutputStream stream;
        private PrintWriter writer;

        Capture(HttpServletResponse response) {
            super(response);
        }

        boolean capturing() {
            return body != null;
        }

        int capturedStatus() {
            return status;
        }

        byte[] capturedBody() {
            if (writer != null) {
                writer.flush();
            }
            return body == null ? new byte[0] : body.toByteArray();
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void sendError(int sc) {
            sendError(sc, null);
        }

        @Override
        public void sendError(int sc, String msg) {
            // no container error page: finish() writes the answer
            status = sc;
            startCapture();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (status < 400) {
                return super.getOutputStream();
            }
            startCapture();
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        body.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (status < 400) {
                return super.getWriter();
            }
            startCapture();
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int len) {
            if (status < 400) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (status < 400) {
                super.setContentLengthLong(len);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (status < 400 || !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (status < 400 || !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!capturing()) {
                super.flushBuffer();
            }
        }

        private void startCapture() {
            if (body == null) {
                body = new ByteArrayOutputStream();
            }
        }
    }

    /** Sends the captured error answer on, rewritten where it would show the engine's internals. */
    static void finish(Capture capture, HttpServletResponse response, String method, String path, ObjectMapper mapper)
            throws IOException {
        if (!capture.capturing() || response.isCommitted()) {
            return;
        }
        int status = capture.capturedStatus();
        byte[] body = capture.capturedBody();
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json = parse(text, mapper);
        String message = json == null ? "" : json.path("message").asText("");
        if (json != null && json.path("code").asInt() == FormRejectedException.CODE) {
            String staffText = staffText(message);
            log.info("Form refused on {} {}: {}", method, path, staffText);
            Map<String, Object> problem = problem(400, "提交内容有误", staffText);
            problem.put("type", INVALID);
            write(response, 400, problem, mapper);
        } else if (status >= 500 && UNKNOWN_OBJECT.matcher(message).find()) {
            // the engine's answer to an id it does not know (a task, an execution): not found, not a server fault
            log.info("Engine API {} {} answered {} for an unknown object: {}", method, path, status,
                    abbreviate(message));
            write(response, 404, problem(404, StatusProblems.title(404), StatusProblems.detail(404)), mapper);
        } else if (status >= 500 && DEPLOYMENT.matcher(path).find() && UNREADABLE_MODEL.matcher(message).find()) {
            log.info("Engine API {} {} refused an unreadable model: {}", method, path, abbreviate(message));
            Map<String, Object> problem = problem(400, "模型文件无法解析",
                    "部署的 BPMN/DMN 文件不是有效的模型，请在 Camunda Modeler 中打开检查后重新部署");
            problem.put("type", INVALID);
            write(response, 400, problem, mapper);
        } else if (status >= 500) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            log.warn("Engine API {} {} answered {} [incident {}]: {}", method, path, status, incident,
                    abbreviate(message.isEmpty() ? text : message));
            log.debug("Engine API answer of incident {}: {}", incident, text);
            Map<String, Object> problem = problem(500, "服务器错误", "服务器内部错误，请稍后重试或联系管理员（编号 " + incident + "）");
            problem.put("incident", incident);
            write(response, 500, problem, mapper);
        } else if (body.length == 0 || LEAK.matcher(text).find()) {
            log.info("Engine API {} {} answered {}: {}", method, path, status, abbreviate(text));
            write(response, status, problem(status, StatusProblems.title(status), StatusProblems.detail(status)),
                    mapper);
        } else {
            response.setStatus(status);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** The listener's text inside the engine's wrapped message ("… Message: '提交内容有误：…'"). */
    static String staffText(String engineMessage) {
        int start = engineMessage.indexOf(FormRejectedException.PREFIX);
        if (start < 0) {
            return "提交内容有误";
        }
        String text = engineMessage.substring(start);
        int quote = text.lastIndexOf('\'');
        return quote > 0 ? text.substring(0, quote) : text;
    }

    static Map<String, Object> problem(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        // Tasklist and Cockpit show an error answer's "message"
        problem.put("message", detail);
        return problem;
    }

    static Map<String, Object> invalid(String detail, List<FieldProblem> errors) {
        Map<String, Object> problem = problem(400, "输入有误", detail);
        problem.put("type", INVALID);
        problem.put("errors", errors);
        StringBuilder message = new StringBuilder(detail).append("：");
        errors.forEach(e -> message.append(e.field()).append(" ").append(e.message()).append("；"));
        problem.put("message", message.substring(0, message.length() - 1));
        return problem;
    }

    static void write(HttpServletResponse response, int status, Map<String, Object> problem, ObjectMapper mapper)
            throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(problem);
        response.reset();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static JsonNode parse(String text, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "…";
    }
}
