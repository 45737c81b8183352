package org.gridcase.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Camunda's own MySQL tables use MySQL's 3-byte {@code utf8}: a form field with an emoji, submitted from Tasklist
 * or through the engine REST API, would fail the whole submission there. Before such a JSON body reaches the
 * engine, characters outside the Basic Multilingual Plane (raw or as escaped surrogate pairs) become U+FFFD.
 * GridCase's own tables (utf8mb4) keep such text whole: the case record, its timeline, the registry.
 */
@Configuration
class EngineTextFilter {

    private static final Pattern ESCAPED_PAIR = Pattern.compile("\\\\u[dD][89abAB][0-9a-fA-F]{2}\\\\u[dD][c-fC-F][0-9a-fA-F]{2}");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineTextFilterRegistration() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setName("engine-text");
        return registration;
    }

    /** Escaped surrogate pairs as well as raw characters: JSON may carry either. */
    static String bmpOnly(String json) {
        return EngineText.bmpOnly(ESCAPED_PAIR.matcher(json).replaceAll("\\\\uFFFD"));
    }

    static final class Filter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String type = request.getContentType();
            return !("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod()))
                    || type == null || !type.toLowerCase().startsWith("application/json");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            byte[] body = bmpOnly(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            ServletInputStream in = ServletStreams.of(new ByteArrayInputStream(body));
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public ServletInputStream getInputStream() {
                    return in;
                }

                @Override
                public int getContentLength() {
                    return body.length;
                }

                @Override
                public long getContentLengthLong() {
                    return body.length;
                }

                @Override
                public String getCharacterEncoding() {
                    return StandardCharsets.UTF_8.name();
                }
            }, response);
        }
    }
}
