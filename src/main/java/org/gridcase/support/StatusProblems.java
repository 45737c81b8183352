package org.gridcase.support;

import java.nio.charset.StandardCharsets;

/**
 * The title and detail of an error answer that has nothing more specific to say than its status: an engine answer
 * that may not be shown, a path or method nothing answers, a request refused before any controller saw it.
 */
public final class StatusProblems {

    /** A request that could not be read as HTTP at all (Tomcat or Spring Security's firewall refused it). */
    public static final String MALFORMED = "https://gridcase.org/problems/malformed-request";

    private StatusProblems() {
    }

    public static String title(int status) {
        return switch (status) {
            case 401 -> "需要登录";
            case 403 -> "无权限";
            case 404 -> "未找到";
            case 405, 406, 415 -> "不支持的请求";
            case 413 -> "内容过大";
            default -> status >= 500 ? "服务器错误" : "请求有误";
        };
    }

    public static String detail(int status) {
        return switch (status) {
            case 401 -> "请先登录";
            case 403 -> "当前用户无权执行此操作";
            case 404 -> "请求的对象不存在或无权查看";
            case 405, 406, 415 -> "不支持该请求方式或内容格式";
            case 413 -> "请求内容过大";
            default -> status >= 500 ? "服务器内部错误，请稍后重试或联系管理员" : "请求内容有误，无法处理";
        };
    }

    /** The problem+json of a request refused before it reached the application: the status and nothing else. */
    static byte[] malformed(int status) {
        return ("{\"type\":\"" + MALFORMED + "\",\"title\":\"" + title(status) + "\",\"status\":" + status
                + ",\"detail\":\"" + detail(status) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
