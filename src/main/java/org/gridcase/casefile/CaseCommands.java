package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.Registry;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.gridcase.support.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do to a running case of any kind from outside its tasks: supervise it, withdraw it, re-dispatch it.
 * Each command first asks {@link CaseAccess} whether the caller may give it to this case.
 */
@Service
public class CaseCommands {

    private final RuntimeService runtimeService;
    private final Registry registry;
    private final CaseAccess access;

    CaseCommands(RuntimeService runtimeService, Registry registry, CaseAccess access) {
        this.runtimeService = runtimeService;
        this.registry = registry;
        this.access = access;
    }

    /** The latest supervision deadline: a year ahead (a later one is a typo, and beyond a Date's range a crash). */
    static final java.time.Duration SUPERVISION_HORIZON = java.time.Duration.ofDays(366);

    /**
     * A dispatcher corrects a wrong route while the case is being handled: to another grid or department.
     * The handling task is withdrawn from the old handler and created for the new one.
     */
    @Transactional
    public void redispatch(CaseAccess.Caller caller, String trackingNumber, String gridCode, String departmentCode,
            String note) {
        CaseFile file = access.require(caller, CaseCommand.REDISPATCH, trackingNumber);
        String by = caller.login();
        List<FieldProblem> errors = new ArrayList<>();
        boolean grid = gridCode != null && !gridCode.isBlank();
        boolean department = departmentCode != null && !departmentCode.isBlank();
        if (grid == department) {
            errors.add(new FieldProblem("gridCode", "网格编码（gridCode）和部门编码（departmentCode）只填一项"));
        } else if (grid && registry.area(gridCode).filter(a -> a.level() == AreaLevel.GRID).isEmpty()) {
            errors.add(new FieldProblem("gridCode", "网格 " + gridCode + " 不存在"));
        } else if (grid && !access.scope(caller, CaseCommand.REDISPATCH).coversGrid(gridCode.strip())) {
            errors.add(new FieldProblem("gridCode", "网格 " + gridCode + " 不在您的辖区内"));
        } else if (department && registry.department(departmentCode).isEmpty()) {
            errors.add(new FieldProblem("departmentCode", "部门 " + departmentCode + " 不存在"));
        }
        if (note == null || note.isBlank() || note.strip().length() > CaseFile.NOTE_LENGTH) {
            errors.add(new FieldProblem("note", "必填，最长 " + CaseFile.NOTE_LENGTH + " 字"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("改派信息有误", errors);
        }
        running(file);
        try {
            runtimeService.createMessageCorrelation(MESSAGE_REDISPATCH).processInstanceId(file.getProcessInstanceId())
                    .setVariable(REDISPATCH_TARGET, grid ? "GRID" : "DEPARTMENT")
                    .setVariable(REDISPATCH_GRID, grid ? gridCode.strip() : null)
                    .setVariable(REDISPATCH_DEPARTMENT, department ? departmentCode.strip() : null)
                    .setVariable(REDISPATCH_NOTE, "调度员 " + by + " 改派：" + note.strip())
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw InvalidInputException.of("trackingNumber", "案件当前不在办理环节（" + file.getStatus().label() + "），不能改派");
        }
    }

    /** 一键督办: the running process catches {@code SupervisionOrder}. */
    @Transactional
    public void supervise(CaseAccess.Caller caller, String trackingNumber, String note, String deadline) {
        CaseFile file = access.require(caller, CaseCommand.SUPERVISE, trackingNumber);
        if (note == null || note.isBlank() || note.strip().length() > CaseFile.NOTE_LENGTH) {
            throw InvalidInputException.of("note", "必填，最长 " + CaseFile.NOTE_LENGTH + " 字");
        }
        Instant due = null;
        if (deadline != null && !deadline.isBlank()) {
            try {
                due = OffsetDateTime.parse(deadline.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidInputException.of("deadline", "ISO-8601 时间，带时区，例如 2026-11-30T17:00:00+08:00");
            }
            if (!due.isAfter(Cases.now())) {
                throw InvalidInputException.of("deadline", "督办期限必须晚于现在");
            }
            if (due.isAfter(Cases.now().plus(SUPERVISION_HORIZON))) {
                throw InvalidInputException.of("deadline", "督办期限最长为一年以内");
            }
        }
        running(file);
        runtimeService.createMessageCorrelation(MESSAGE_SUPERVISION).processInstanceId(file.getProcessInstanceId())
                .setVariable(SUPERVISION_NOTE, note.strip())
                .setVariable(SUPERVISION_DUE_AT, due == null ? null : Date.from(due))
                .setVariable(SUPERVISED_BY, caller.login())
                .correlate();
    }

    /** The reporter withdraws (through staff): the case ends with the reason. */
    @Transactional
    public void withdraw(CaseAccess.Caller caller, String trackingNumber, String reason) {
        CaseFile file = access.require(caller, CaseCommand.WITHDRAW, trackingNumber);
        if (reason == null || reason.isBlank() || reason.strip().length() > CaseFile.NOTE_LENGTH) {
            throw InvalidInputException.of("reason", "必填，最长 " + CaseFile.NOTE_LENGTH + " 字");
        }
        running(file);
        runtimeService.createMessageCorrelation(MESSAGE_WITHDRAWAL).processInstanceId(file.getProcessInstanceId())
                .setVariable(WITHDRAW_REASON, reason.strip())
                .setVariable(WITHDRAWN_BY, caller.login())
                .correlate();
    }

    private void running(CaseFile file) {
        if (file.getStatus().finished() || file.getProcessInstanceId() == null || runtimeService
                .createProcessInstanceQuery().processInstanceId(file.getProcessInstanceId()).count() == 0) {
            throw InvalidInputException.of("trackingNumber", "案件已结束（" + file.getStatus().label() + "），不能再操作");
        }
    }
}
