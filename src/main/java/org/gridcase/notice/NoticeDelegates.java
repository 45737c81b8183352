package org.gridcase.notice;

import static org.gridcase.notice.NoticeProcess.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.gridcase.support.FormRejectedException;
import org.gridcase.support.InvalidInputException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Java side of {@code notice.bpmn}: thin adapters around {@link NoticeService}. */
final class NoticeDelegates {

    private NoticeDelegates() {
    }

    static long noticeId(DelegateExecution execution) {
        return ((Number) execution.getVariable(NOTICE_ID)).longValue();
    }

    /** 确定接收户: the recipient rows, once. */
    @Component("selectNoticeRecipients")
    static class SelectRecipients implements JavaDelegate {

        private final NoticeService notices;

        SelectRecipients(NoticeService notices) {
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            notices.selectRecipients(noticeId(execution));
        }
    }

    /** 发送通知短信: one chunk of SMS per job; the model loops while some remain. */
    @Component("queueNoticeSms")
    static class QueueSms implements JavaDelegate {

        private final NoticeService notices;

        QueueSms(NoticeService notices) {
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable(SMS_PENDING, notices.queueSms(noticeId(execution)));
        }
    }

    /** 汇总未确认户: the grids that get a follow-up task. */
    @Component("findOpenNoticeGrids")
    static class FindOpenGrids implements JavaDelegate {

        private final NoticeService notices;

        FindOpenGrids(NoticeService notices) {
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable(OPEN_GRIDS, new ArrayList<>(notices.openGrids(noticeId(execution))));
        }
    }

    /** 完成通知. */
    @Component("closeNotice")
    static class Close implements JavaDelegate {

        private final NoticeService notices;

        Close(NoticeService notices) {
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            notices.close(noticeId(execution));
        }
    }

    /**
     * On creating 核实通知查收: the grid's open households, as variables of this grid's instance of the task (its own
     * execution's: a completion writes the submitted list there, through the engine API and through Tasklist alike).
     */
    @Component("prepareNoticeFollowUp")
    static class PrepareFollowUp implements TaskListener {

        private final NoticeService notices;
        private final ObjectMapper json;

        PrepareFollowUp(NoticeService notices, ObjectMapper json) {
            this.notices = notices;
            this.json = json;
        }

        @Override
        public void notify(DelegateTask task) {
            NoticeService.FollowUp followUp = notices.followUp(noticeId(task.getExecution()),
                    (String) task.getVariable(GRID));
            DelegateExecution grid = task.getExecution();
            try {
                grid.setVariableLocal(HOUSEHOLDS,
                        SpinValues.jsonValue(json.writeValueAsString(followUp.households())).create());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the households of a notice task", e);
            }
            grid.setVariableLocal(HOUSEHOLD_IDS, followUp.householdIds());
            List<Map<String, String>> options = followUp.households().stream().map(h -> Map.of(
                    "value", String.valueOf(h.get("recipientId")),
                    "label", h.get("name") + " · " + h.get("building") + " " + h.get("room"))).toList();
            try {
                grid.setVariableLocal(HOUSEHOLD_OPTIONS,
                        SpinValues.jsonValue(json.writeValueAsString(options)).create());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the household options of a notice task", e);
            }
            grid.setVariableLocal(NOTICE_TITLE, followUp.title());
            grid.setVariableLocal(NOTICE_TEXT, followUp.text());
            grid.setVariableLocal(GRID_NAME, followUp.gridName());
        }
    }

    /** On completing 核实通知查收: every household ticked, unreachable ones with a reason; then recorded. */
    @Component("checkNoticeFollowUp")
    static class CheckFollowUp implements TaskListener {

        private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() { };

        private final NoticeService notices;
        private final ObjectMapper json;

        CheckFollowUp(NoticeService notices, ObjectMapper json) {
            this.notices = notices;
            this.json = json;
        }

        @Override
        public void notify(DelegateTask task) {
            try {
                Object confirmed = task.getVariable(CONFIRMED_HOUSEHOLDS);
                Object unreachable = task.getVariable(UNREACHABLE_HOUSEHOLDS);
                List<Map<String, Object>> answered = confirmed == null && unreachable == null
                        ? households(task.getVariable(HOUSEHOLDS))
                        : ticked(ids(confirmed), ids(unreachable), (String) task.getVariable(UNREACHABLE_REASON));
                notices.recordFollowUp(noticeId(task.getExecution()), (String) task.getVariable(HOUSEHOLD_IDS),
                        answered, task.getAssignee());
            } catch (InvalidInputException e) {
                throw new FormRejectedException(e.getMessage());
            }
        }

        /**
         * Tasklist's two checklists as the list {@link NoticeService#recordFollowUp} takes: a household in both is
         * refused, one in neither is left unticked (and refused there, by name); the reason goes with every
         * unreachable one.
         */
        private static List<Map<String, Object>> ticked(List<String> confirmed, List<String> unreachable,
                String reason) {
            List<String> both = confirmed.stream().filter(unreachable::contains).toList();
            if (!both.isEmpty()) {
                throw new FormRejectedException("同一户不能既“已确认”又“无法联系”，请只勾选一项");
            }
            List<Map<String, Object>> list = new java.util.ArrayList<>();
            for (String id : confirmed) {
                list.add(Map.of("recipientId", id, OUTCOME, OUTCOME_CONFIRMED, REASON, ""));
            }
            for (String id : unreachable) {
                list.add(Map.of("recipientId", id, OUTCOME, OUTCOME_UNREACHABLE, REASON, reason == null ? "" : reason));
            }
            return list;
        }

        /** A checklist's answer: JSON (as Tasklist sends it) or a Java list of ids. */
        private List<String> ids(Object value) {
            if (value == null) {
                return List.of();
            }
            try {
                List<?> list = value instanceof List<?> l ? l : json.readValue(value.toString(), List.class);
                return list.stream().map(String::valueOf).toList();
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new FormRejectedException("住户名单格式错误，请刷新后重新填写");
            }
        }

        /** The submitted list: JSON (Tasklist sends the dynamic list as a Json variable), or a Java list. */
        private List<Map<String, Object>> households(Object value) {
            if (value == null) {
                return List.of();
            }
            try {
                return value instanceof List<?> list ? json.convertValue(list, LIST)
                        : json.readValue(value.toString(), LIST);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new FormRejectedException("住户名单格式错误，请刷新后重新填写");
            }
        }
    }
}
