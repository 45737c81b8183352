package org.gridcase.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A page of the Camunda webapps calls GridCase's API and the engine REST API with its session: the session keeps its
 * id, so calls the page makes in parallel all find it.
 */
class WebappSessionTest extends GridCaseTest {

    @Test
    void theWebappSessionKeepsItsIdAcrossApiAndEngineRestCalls() throws Exception {
        // Given a grid worker logged into Tasklist
        Session session = login("wangfang");

        // When the page calls the API and the engine REST API with the session, twice each
        for (String path : List.of("/api/cases?size=1", "/engine-rest/task?maxResults=1", "/api/cases?size=1",
                "/engine-rest/task?maxResults=1")) {
            ResponseEntity<String> answer = session.get(path);

            // Then each call is answered as the logged-in user, and no other session id is handed out
            assertThat(answer.getStatusCode()).as("%s: %s", path, answer.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(newSessionIds(answer, session.id)).as("%s sets a new session id", path).isEmpty();
        }

        // and parallel calls with the same session all succeed
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String path = i % 2 == 0 ? "/api/cases?size=1" : "/engine-rest/task?maxResults=1";
                answers.add(pool.submit(() -> session.get(path)));
            }
            for (Future<ResponseEntity<String>> answer : answers) {
                assertThat(answer.get().getStatusCode()).isEqualTo(HttpStatus.OK);
            }
        } finally {
            pool.shutdownNow();
        }

        // and a write with the session and its CSRF token works too, still on the same id
        ResponseEntity<String> write = session.post("/engine-rest/task/count", Map.of());
        assertThat(write.getStatusCode()).as("%s", write.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(newSessionIds(write, session.id)).isEmpty();
    }

    /** What the browser holds after logging in: the session cookie and the CSRF token. */
    private final class Session {
        final String id;
        final String csrf;

        Session(String id, String csrf) {
            this.id = id;
            this.csrf = csrf;
        }

        ResponseEntity<String> get(String path) {
            HttpHeaders headers = new HttpHeaders();
            headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + id + "; XSRF-TOKEN=" + csrf);
            return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        }

        ResponseEntity<String> post(String path, Object body) {
            HttpHeaders headers = new HttpHeaders();
            headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + id + "; XSRF-TOKEN=" + csrf);
            headers.add("X-XSRF-TOKEN", csrf);
            headers.setContentType(MediaType.APPLICATION_JSON);
            return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        }
    }

    private Session login(String login) {
        // the login page first: the webapps hand out a session and a CSRF token
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        String csrf = cookie(page, "XSRF-TOKEN");
        String session = cookie(page, "JSESSIONID");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        StringBuilder cookies = new StringBuilder();
        if (session != null) {
            cookies.append("JSESSIONID=").append(session).append("; ");
        }
        if (csrf != null) {
            cookies.append("XSRF-TOKEN=").append(csrf);
            headers.add("X-XSRF-TOKEN", csrf);
        }
        headers.add(HttpHeaders.COOKIE, cookies.toString());
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", login);
        form.add("password", PASSWORD);
        ResponseEntity<String> loggedIn = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
                HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        assertThat(loggedIn.getStatusCode()).as("%s", loggedIn.getBody()).isEqualTo(HttpStatus.OK);
        String id = cookie(loggedIn, "JSESSIONID") != null ? cookie(loggedIn, "JSESSIONID") : session;
        String token = cookie(loggedIn, "XSRF-TOKEN") != null ? cookie(loggedIn, "XSRF-TOKEN") : csrf;
        // the page then asks the webapps who is logged in, and gets the CSRF token of the session it now has
        HttpHeaders next = new HttpHeaders();
        next.add(HttpHeaders.COOKIE, "JSESSIONID=" + id + "; XSRF-TOKEN=" + token);
        ResponseEntity<String> user = rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
                new HttpEntity<>(next), String.class);
        assertThat(user.getStatusCode()).as("%s", user.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(cookie(user, "JSESSIONID")).isIn(null, id);
        return new Session(id, cookie(user, "XSRF-TOKEN") != null ? cookie(user, "XSRF-TOKEN") : token);
    }

    private static String cookie(ResponseEntity<?> response, String name) {
        List<String> cookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        if (cookies == null) {
            return null;
        }
        for (String c : cookies) {
            if (c.startsWith(name + "=")) {
                return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
            }
        }
        return null;
    }

    private static List<String> newSessionIds(ResponseEntity<?> response, String id) {
        List<String> ids = new ArrayList<>();
        String set = cookie(response, "JSESSIONID");
        if (set != null && !set.equals(id)) {
            ids.add(set);
        }
        return ids;
    }
}
