package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every path of {@code notice.bpmn}: every household confirms before the confirm-by time (no task), some do not
 * (one task per grid with exactly those households), the workers tick the rest off (done); a completion that leaves
 * a household unticked or an unreachable one without a reason is refused; the fan-out queues nothing twice.
 */
class NoticeProcessTest extends NoticeTestBase {

    @Autowired
    TransactionTemplate tx;

    @Test
    void whenEveryHouseholdConfirmsEarlyTheNoticeEndsWithoutATask() {
        // Given a notice to grid 1 of 西河村 (two households with a phone)
        long id = send(TOWN_LEADER, notice("今晚大风降温", List.of(WEST_RIVER_G1)));
        fanOut(id);
        Map<String, String> tokens = tokens(id);
        assertThat(tokens).hasSize(2);

        // When both confirm by link before the confirm-by time
        tokens.values().forEach(this::confirmByLink);
        passConfirmBy(id);

        // Then nobody gets a task, and the notice is done with 知晓率 1
        assertThat(state(id)).isEqualTo("DONE");
        instances.assertNothingLeftBehind(NoticeProcess.businessKey(id));
        assertThat(detail(TOWN_LEADER, id).path("counts").path("awarenessRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theHouseholdsThatDidNotConfirmGoToTheirGridsWorkersAndTheNoticeIsDoneOnceTheyAreTicked() {
        // Given a notice to 东湖社区: 13 households in three grids, fanned out in chunks of three SMS
        long id = send(EAST_LAKE_LEADER, notice("燃气安全检查通知", List.of(EAST_LAKE)));
        fanOut(id);
        Map<String, String> tokens = tokens(id);
        assertThat(tokens).hasSize(13);
        assertThat(jdbc.queryForObject("select count(*) from notice_recipient where notice_id = ?", Integer.class,
                id)).isEqualTo(13);

        // When every household of grid 3 and two of grid 1 confirm by link
        recipientPhones(id, "SFZ-C01-G03", false).forEach(p -> confirmByLink(tokens.get(p)));
        List<String> grid1 = recipientPhones(id, "SFZ-C01-G01", false);
        confirmByLink(tokens.get(grid1.get(0)));
        confirmByLink(tokens.get(grid1.get(1)));
        passConfirmBy(id);

        // Then grids 1 and 2 get one task each, for their own workers, listing exactly their open households
        assertThat(state(id)).isEqualTo("FOLLOW_UP");
        List<Task> tasks = tasks(id);
        assertThat(tasks).hasSize(2).allMatch(t -> t.getName().equals("核实通知查收"));
        Task task1 = taskOf(id, "SFZ-C01-G01");
        Task task2 = taskOf(id, "SFZ-C01-G02");
        assertThat(instances.candidateGroups(task1.getId())).containsExactly("area-SFZ-C01-G01");
        assertThat(households(task1)).hasSize(3).allSatisfy(h -> {
            assertThat((String) h.get("name")).contains("*");
            assertThat((String) h.get("building")).startsWith("示范镇东湖小区");
        });
        assertThat(ids(task1)).containsExactlyInAnyOrderElementsOf(openIds(id, "SFZ-C01-G01"));
        assertThat(households(task2)).hasSize(4);
        assertThat(taskService.getVariable(task1.getId(), "gridName")).isEqualTo("东湖社区第一网格");

        // And a completion that leaves a household unticked is refused, in Chinese, and records nothing
        List<Map<String, Object>> partial = answers(task1, "CONFIRMED", null);
        partial.get(2).put("outcome", null);
        assertThatThrownBy(() -> complete(task1, partial)).hasMessageContaining("请为每一户选择");
        // as is an unreachable household without a reason
        assertThatThrownBy(() -> complete(task1, answers(task1, "UNREACHABLE", " ")))
                .hasMessageContaining("无法联系的住户请填写原因");
        // and a list a worker tampered with
        List<Map<String, Object>> foreign = answers(task1, "CONFIRMED", null);
        foreign.get(0).put("recipientId", "999999");
        assertThatThrownBy(() -> complete(task1, foreign)).hasMessageContaining("住户名单被改动");
        assertThat(openIds(id, "SFZ-C01-G01")).hasSize(3);

        // When grid 1's worker confirms his by visit and grid 2's marks one unreachable with a reason
        taskService.claim(task1.getId(), GRID1_WORKER);
        complete(task1, answers(task1, "CONFIRMED", null));
        assertThat(state(id)).isEqualTo("FOLLOW_UP");
        // (grid 2's worker answers as Tasklist's form does: two checklists of the households, one reason)
        List<String> grid2 = ids(task2);
        assertThat(taskService.getVariable(task2.getId(), NoticeProcess.HOUSEHOLD_OPTIONS).toString())
                .contains("示范镇东湖", "·", grid2.get(0));
        assertThatThrownBy(() -> tick(task2, grid2, List.of(grid2.get(0)), "重复勾选"))
                .hasMessageContaining("同一户不能既“已确认”又“无法联系”");
        assertThatThrownBy(() -> tick(task2, grid2.subList(1, grid2.size()), List.of(), null))
                .hasMessageContaining("请为每一户选择");
        assertThatThrownBy(() -> tick(task2, grid2.subList(1, grid2.size()), List.of(grid2.get(0)), " "))
                .hasMessageContaining("无法联系的住户请填写原因");
        taskService.claim(task2.getId(), GRID2_WORKER);
        tick(task2, grid2.subList(1, grid2.size()), List.of(grid2.get(0)), "长期在外地务工，电话停机");
        instances.runDueJobs(NoticeProcess.businessKey(id));

        // Then the notice is done: every household confirmed or unreachable with its reason, nothing left behind
        assertThat(state(id)).isEqualTo("DONE");
        instances.assertNothingLeftBehind(NoticeProcess.businessKey(id));
        var counts = detail(EAST_LAKE_LEADER, id).path("counts");
        assertThat(counts.path("recipients").asInt()).isEqualTo(13);
        assertThat(counts.path("confirmedByLink").asInt()).isEqualTo(6);
        assertThat(counts.path("confirmedByVisit").asInt()).isEqualTo(6);
        assertThat(counts.path("unreachable").asInt()).isEqualTo(1);
        assertThat(counts.path("open").asInt()).isZero();
        assertThat(counts.path("awarenessRate").asDouble()).isEqualTo(12.0 / 13);
        assertThat(jdbc.queryForObject("select checked_by from notice_recipient where notice_id = ? "
                + "and unreachable_reason = '长期在外地务工，电话停机'", String.class, id)).isEqualTo(GRID2_WORKER);
    }

    @Test
    void aFanOutThatFailsMidwayAndIsRetriedQueuesEachSmsOnce() {
        // Given a notice whose recipients are chosen
        long id = send(TOWN_LEADER, notice("防汛安全提示", List.of(WEST_RIVER_G3)));
        String pid = jdbc.queryForObject("select process_instance_id from notice where id = ?", String.class, id);
        var job = engine.getManagementService().createJobQuery().processInstanceId(pid).singleResult();
        engine.getManagementService().executeJob(job.getId());
        assertThat(notices.selectRecipients(id)).isEqualTo(2); // a second run chooses nothing new

        // When a chunk's transaction fails after queueing its SMS
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            notices.queueSms(id);
            throw new IllegalStateException("crash");
        })).hasMessage("crash");
        assertThat(smsCount(id)).isZero();

        // Then the retried job queues each SMS once, and running the step again adds nothing
        instances.runDueJobs(NoticeProcess.businessKey(id));
        assertThat(smsCount(id)).isEqualTo(2);
        boolean pending = tx.execute(s -> notices.queueSms(id));
        assertThat(pending).isFalse();
        assertThat(smsCount(id)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from notice_recipient where notice_id = ?", Integer.class,
                id)).isEqualTo(2);

        // and the notice runs to its end (nobody confirms: the workers mark both unreachable)
        passConfirmBy(id);
        Task task = taskOf(id, WEST_RIVER_G3);
        complete(task, answers(task, "UNREACHABLE", "家中无人，已留言"));
        instances.runDueJobs(NoticeProcess.businessKey(id));
        instances.assertNothingLeftBehind(NoticeProcess.businessKey(id));
    }

    // ---------------------------------------------------------------- helpers

    private int smsCount(long id) {
        return jdbc.queryForObject("select count(*) from notification where case_ref = ?", Integer.class,
                NoticeProcess.businessKey(id));
    }

    private List<String> ids(Task task) {
        return households(task).stream().map(h -> (String) h.get("recipientId")).toList();
    }

    private List<String> openIds(long id, String grid) {
        return jdbc.queryForList("select id from notice_recipient where notice_id = ? and grid_code = ? "
                + "and confirmed_at is null and unreachable_reason is null", Long.class, id, grid).stream()
                .map(String::valueOf).toList();
    }

    /** The task's list with every household given this outcome (and reason). */
    private List<Map<String, Object>> answers(Task task, String outcome, String reason) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> h : households(task)) {
            Map<String, Object> answer = new HashMap<>(h);
            answer.put("outcome", outcome);
            answer.put("reason", reason == null ? "" : reason);
            list.add(answer);
        }
        return list;
    }

    /** Completes as Tasklist's form does: each checklist comes back as a Json variable, the reason as a string. */
    private void tick(Task task, List<String> confirmed, List<String> unreachable, String reason) {
        try {
            ObjectMapper json = new ObjectMapper();
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put(NoticeProcess.CONFIRMED_HOUSEHOLDS, SpinValues.jsonValue(json.writeValueAsString(confirmed)).create());
            variables.put(NoticeProcess.UNREACHABLE_HOUSEHOLDS,
                    SpinValues.jsonValue(json.writeValueAsString(unreachable)).create());
            variables.put(NoticeProcess.UNREACHABLE_REASON, reason);
            taskService.complete(task.getId(), variables);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Completes as an engine API client may: the whole list, each household with its outcome, as a Json variable. */
    private void complete(Task task, List<Map<String, Object>> households) {
        try {
            taskService.complete(task.getId(), Map.of(NoticeProcess.HOUSEHOLDS,
                    SpinValues.jsonValue(new ObjectMapper().writeValueAsString(households)).create()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
