package org.gridcase.casefile;

/** What happened to a case, as the timeline shows it. */
public enum CaseEventType {
    REGISTERED("登记"),
    ROUTED("自动分拣"),
    VERIFIED("核实研判"),
    GRADED("评估定级"),
    INSTRUCTION_REQUESTED("报领导批示"),
    INSTRUCTED("领导批示"),
    REJECTED("不予受理"),
    MERGED("合并重复件"),
    DISPATCHED("派单"),
    RETURNED("退单"),
    REDISPATCHED("重新派单"),
    HANDLED("办理完成"),
    REINSPECTED("复查"),
    REMINDED("黄灯提醒"),
    ESCALATED("超期升级"),
    PUSHED("督促办理"),
    LADDER_STOPPED("停止升级"),
    OVERDUE("超过时限"),
    SIGNOFF_REQUESTED("提请领导签批"),
    SIGNED_OFF("领导签批"),
    SUPERVISED("督办"),
    SUPERVISION_OVERDUE("督办逾期"),
    SURVEY_SENT("发送回访评价"),
    SURVEYED("回访评价"),
    REOPENED("重新办理"),
    CLOSED("办结"),
    WITHDRAWN("撤回"),
    ANSWERED("当场答复"),
    ATTACHED("上传附件");

    private final String label;

    CaseEventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
