package org.gridcase.open311;

import java.util.List;
import java.util.Optional;

import org.gridcase.support.PathErrors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every error of {@code /open311/v2/} as GeoReport's list of {@code error}s ({@code code}, {@code description}), in
 * the format the path asked for (XML unless it ends in {@code .json}), instead of GridCase's problem+json. Ahead of
 * {@code ApiExceptionHandler}, for the GeoReport controller only.
 */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Errors implements PathErrors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<byte[]> open311(Open311Exception e, HttpServletRequest request) {
        return Open311Format.ofPath(request.getRequestURI()).errors(e.status(), e.descriptions());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return Open311Format.ofPath(request.getRequestURI()).errors(405, List.of("不支持 " + e.getMethod() + " 方法"));
    }

    /** A parameter name Spring Security's firewall refuses (a line break in {@code attribute[…]}), met reading them. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<byte[]> rejected(RequestRejectedException e, HttpServletRequest request) {
        return Open311Format.ofPath(request.getRequestURI()).errors(400, List.of("请求中含有不允许的字符"));
    }

    /** Errors no handler answered on GeoReport's paths (a path the firewall refused): GeoReport's list, too. */
    @Override
    public Optional<ResponseEntity<byte[]>> answer(String path, int status, String detail) {
        return path.startsWith("/open311/v2/") ? Optional.of(Open311Format.ofPath(path).errors(status, List.of(detail)))
                : Optional.empty();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} answered as 500", request.getRequestURI(), e);
        return Open311Format.ofPath(request.getRequestURI()).errors(500, List.of("服务器内部错误，请稍后重试"));
    }
}
