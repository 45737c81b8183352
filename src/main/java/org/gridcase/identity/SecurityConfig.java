package org.gridcase.identity;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what.
 * <ul>
 * <li>{@code /api/**}, {@code /engine-rest/**}, {@code /actuator/**}: HTTP Basic against the Camunda users, or the
 * session of a user logged into the Camunda webapps; 401 problem+json otherwise. Only health is open.</li>
 * <li>{@code /engine-rest/**} then runs as that user, so Camunda authorizations apply to every call.</li>
 * <li>The webapps ({@code /camunda/**}) keep their own login and CSRF protection; their first-admin setup
 * endpoint is closed for good.</li>
 * </ul>
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    static final String REALM = "GridCase";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            WebappSessionAuthenticationFilter webappSession, IdentityService identityService) throws Exception {
        // path matchers, not MVC matchers: /engine-rest is Jersey's servlet, not Spring MVC's
        http.securityMatcher(new OrRequestMatcher(antMatcher("/api/**"), antMatcher("/engine-rest/**"),
                        antMatcher("/actuator/**")))
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(antMatcher("/actuator/health"), antMatcher("/actuator/health/**")).permitAll()
                        .requestMatchers(antMatcher("/actuator/**")).hasAuthority("camunda-admin")
                        .anyRequest().authenticated())
                .addFilterBefore(webappSession, BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
                // stateless, and it must not touch the webapp session it accepts: the default session-fixation
                // strategy gave that session a new id on every call, so parallel calls of one page found it gone
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                // Basic-auth APIs carry no ambient credentials a browser sends on its own, except the webapp session:
                // that path only accepts the session together with Camunda's CSRF header (see the filter)
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // an empty camunda-admin group would let anyone create an administrator here
                        .requestMatchers(antMatcher("/camunda/api/admin/setup/**")).denyAll()
                        // 一键达: a household's one-time notice link (read, and 「我已知晓」), public like /survey/*;
                        // the unguessable token is the key and the CSRF defence, as on the survey page
                        .requestMatchers(antMatcher(HttpMethod.GET, "/notice/*"),
                                antMatcher(HttpMethod.POST, "/notice/*")).permitAll()
                        // Open311 GeoReport v2 (open311/): public by the spec; a POST needs the client's api_key, which
                        // that controller checks itself. No cookie or session is used there, so CSRF does not arise.
                        .requestMatchers(antMatcher("/open311/v2/**")).permitAll()
                        // 随手拍 (report/): the resident's report page, its JSON under /report/api/ and the status page
                        // (its key in the link); flood control is the controller's (AbuseGuard)
                        .requestMatchers(antMatcher("/report"), antMatcher("/report/**")).permitAll()
                        .anyRequest().permitAll())
                // the Camunda webapps bring their own session login and CSRF filter
                .csrf(csrf -> csrf.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()));
        return http.build();
    }

    /** The session filter runs inside the API chain only, not as a servlet filter of its own. */
    @Bean
    FilterRegistrationBean<WebappSessionAuthenticationFilter> webappSessionFilterRegistration(
            WebappSessionAuthenticationFilter filter) {
        FilterRegistrationBean<WebappSessionAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            // a page's script (the webapps' GridCase scripts) asks without a browser login dialog popping up
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"需要登录\",\"status\":401,"
                    + "\"detail\":\"请使用 HTTP Basic 提供用户名和密码\"}");
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"无权限\",\"status\":403,"
                    + "\"detail\":\"当前用户无权执行此操作\"}");
        };
    }
}
