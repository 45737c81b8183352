package org.gridcase.support;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The servlet container's error dispatch: an error no controller answered — no handler for the path or the method, a
 * content type no handler takes, a path Spring Security's firewall refused ({@code ;}, {@code ..}, {@code //}, an
 * encoded {@code /} or {@code .}) — is problem+json like every other error, instead of Spring Boot's HTML or JSON
 * error page. A feature whose paths speak an error format of their own (Open311) supplies a
 * {@link PathErrors}.
 */
@RestController
class ErrorAnswers implements ErrorController {

    private final List<PathErrors> formats;

    ErrorAnswers(List<PathErrors> formats) {
        this.formats = formats;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<?> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code : HttpStatus.INTERNAL_SERVER_ERROR.value();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "" : uri.toString();
        for (PathErrors format : formats) {
            Optional<ResponseEntity<byte[]>> answer = format.answer(path, status, StatusProblems.detail(status));
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
                StatusProblems.detail(status));
        problem.setTitle(StatusProblems.title(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
