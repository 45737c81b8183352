package org.gridcase.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridcase.GridCaseTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the webapps' script is told a login may use: Tasklist's 启动流程, 创建任务 and the filter pencil are offered only
 * where the engine would not refuse them; the engine's authorizations decide, and this tells them apart per login.
 */
class MeControllerTest extends GridCaseTest {

    @Autowired
    RepositoryService repositoryService;

    @Test
    void aGridWorkerIsOfferedNeitherStartProcessNorCreateTaskNorFilterEditing() {
        JsonNode me = get("zhangwei", "/api/me").getBody();

        assertThat(me.path("login").asText()).isEqualTo("zhangwei");
        assertThat(me.path("name").asText()).isEqualTo("张伟");
        assertThat(me.path("groups").toString()).contains("SFZ-C01-G01");
        assertThat(me.path("tasklist").path("startProcess").asBoolean()).isFalse();
        assertThat(me.path("tasklist").path("createTask").asBoolean()).isFalse();
        assertThat(me.path("tasklist").path("editFilters").asBoolean()).isFalse();
    }

    @Test
    void anAdministratorMayCreateTasksAndEditFiltersButCasesAreNotStartedFromTasklist() {
        JsonNode tasklist = get("admin", "/api/me").getBody().path("tasklist");

        assertThat(tasklist.path("createTask").asBoolean()).isTrue();
        assertThat(tasklist.path("editFilters").asBoolean()).isTrue();
        // every case kind starts through its API (CaseStarts), so no process is startable in Tasklist
        assertThat(tasklist.path("startProcess").asBoolean()).isFalse();
        assertThat(repositoryService.createProcessDefinitionQuery().startableInTasklist().count()).isZero();
    }

    @Test
    void aScriptAskingWithoutALoginGetsA401WithoutTheBrowsersLoginDialog() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Requested-With", "XMLHttpRequest");
        ResponseEntity<JsonNode> fromScript = rest.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(headers),
                JsonNode.class);
        ResponseEntity<JsonNode> fromClient = rest.getForEntity("/api/me", JsonNode.class);

        assertThat(fromScript.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(fromScript.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
        assertThat(fromClient.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic ");
    }

    @Test
    void processOwnersMayOpenCockpitsTaskPageWhichCountsEveryTaskByGroupOtherOverseersAreNotOfferedIt() {
        assertThat(get("zhongwen", "/engine-rest/task/report/candidate-group-count").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(get("zhongwen", "/api/me").getBody().path("cockpit").path("taskReport").asBoolean()).isTrue();
        for (String login : new String[] {"chenxiaoyan", "lizhenhua", "zhoulihua"}) {
            // leaders and dispatchers read their own areas' tasks only: the report over all of them stays closed
            assertThat(get(login, "/engine-rest/task/report/candidate-group-count").getStatusCode()).as(login)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(get(login, "/api/me").getBody().path("cockpit").path("taskReport").asBoolean()).as(login)
                    .isFalse();
        }
    }
}
