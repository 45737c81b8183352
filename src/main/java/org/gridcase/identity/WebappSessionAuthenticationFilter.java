package org.gridcase.identity;

import java.io.IOException;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Accepts the session of a user logged into Tasklist, Cockpit or Admin on the API and the engine REST API, so a
 * page of the webapps can call them. A state-changing call on the session must carry the webapps' CSRF token
 * ({@code X-XSRF-TOKEN}), as the webapps' own API demands; without it the session is ignored.
 */
@Component
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

    private static final String ENGINE = "default";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final IdentityService identityService;

    WebappSessionAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null && csrfSafe(request, session)) {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            if (authentications != null && authentications.hasAuthenticationForProcessEngine(ENGINE)) {
                String user = authentications.getAuthenticationForProcessEngine(ENGINE).getName();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(CamundaIdentityAuthenticationProvider.authenticated(identityService, user));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean csrfSafe(HttpServletRequest request, HttpSession session) {
        if (SAFE.contains(request.getMethod())) {
            return true;
        }
        Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        return expected != null && expected.equals(request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME));
    }
}
