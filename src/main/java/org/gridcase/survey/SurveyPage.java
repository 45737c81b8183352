package org.gridcase.survey;

import java.nio.charset.StandardCharsets;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The page behind the one-time link a reporter receives by SMS: rate the result (好差评) without logging in.
 * Public by design; the unguessable token is the only key, and it works once. It tells the reporter what was
 * reported, where, what was done and by which unit, and after the answer what happens next; it shows nothing of the
 * reporter and no login, phone or code. Every value is escaped.
 */
@Controller
class SurveyPage {

    private final SurveyService survey;

    SurveyPage(SurveyService survey) {
        this.survey = survey;
    }

    @GetMapping(path = "/survey/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable String token) {
        try {
            return page(HttpStatus.OK, "请评价办理结果", form(survey.view(token)));
        } catch (NotFoundException e) {
            return gone(e);
        }
    }

    @PostMapping(path = "/survey/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> submit(@PathVariable String token, @RequestParam(required = false) String satisfaction,
            @RequestParam(required = false) String resolved, @RequestParam(required = false) String comment) {
        try {
            SurveyService.Answered answered = survey.answer(token, satisfaction, resolved, comment);
            return page(HttpStatus.OK, "感谢您的评价", "<p>编号 " + esc(answered.trackingNumber())
                    + " 的评价已收到。</p><p class=\"next\" role=\"status\">" + next(answered) + "</p>"
                    + "<p>感谢您对网格工作的支持！</p>");
        } catch (InvalidInputException e) {
            return page(HttpStatus.BAD_REQUEST, "请完整填写", "<p role=\"alert\">" + esc(e.getMessage())
                    + "</p><p><a href=\"\">返回重新填写</a></p>");
        } catch (NotFoundException e) {
            return gone(e);
        }
    }

    private static String form(SurveyService.SurveyView v) {
        StringBuilder html = new StringBuilder();
        html.append("<p>").append(esc(v.subject())).append("（编号 ").append(esc(v.trackingNumber()))
                .append("）已办理完毕，请您评价。</p>");
        html.append("<section aria-labelledby=\"case-h\"><h2 id=\"case-h\">办理情况</h2><dl>");
        item(html, "编号", v.trackingNumber());
        item(html, "反映内容", v.description() == null ? "（未填写）" : v.description());
        item(html, "地点", v.place());
        if (v.gridName() != null) {
            item(html, "所属网格", v.gridName());
        }
        item(html, "承办单位", v.handlerUnit());
        item(html, "办理情况", v.handlingNote() == null ? "（未填写）" : v.handlingNote());
        html.append("</dl></section>");
        html.append("<form method=\"post\">")
                .append("<fieldset><legend>问题是否已解决？</legend>")
                .append(radio("resolved", "YES", "已解决")).append(radio("resolved", "NO", "未解决"))
                .append("</fieldset>")
                .append("<fieldset><legend>您对办理结果是否满意？</legend>")
                .append(radio("satisfaction", "SATISFIED", "满意"))
                .append(radio("satisfaction", "BASICALLY_SATISFIED", "基本满意"))
                .append(radio("satisfaction", "UNSATISFIED", "不满意"))
                .append("</fieldset>")
                .append("<label for=\"comment\">意见建议（选填）</label>")
                .append("<textarea id=\"comment\" name=\"comment\" maxlength=\"500\"></textarea>")
                .append("<button type=\"submit\">提交评价</button></form>");
        return html.toString();
    }

    /** What happens next, in a sentence the reporter understands without knowing the process. */
    private static String next(SurveyService.Answered a) {
        return switch (a.next()) {
            case CLOSED -> "您的" + esc(a.noun()) + "已办结，感谢您的评价。";
            case REOPENED -> "您的" + esc(a.noun()) + "已交回" + esc(a.unit()) + "重新办理，办理完毕后将再次请您评价。";
            case SIGNOFF -> "您的" + esc(a.noun()) + "已多次重新办理，现已报请" + esc(a.unit()) + "签批处理，结果将告知您。";
            case FOLLOW_UP -> "工作人员将继续跟进，结果将告知您。";
        };
    }

    private static void item(StringBuilder html, String label, String value) {
        html.append("<dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    private static String radio(String name, String value, String label) {
        return "<label class=\"opt\"><input type=\"radio\" name=\"" + name + "\" value=\"" + value + "\" required> "
                + label + "</label>";
    }

    /** A spent, expired or unknown link: the reason, no case data. */
    private static ResponseEntity<String> gone(NotFoundException e) {
        return page(HttpStatus.GONE, "链接已失效", "<p>" + esc(e.getMessage()) + "</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title)
                + " - 网格服务评价</title><style>body{font-family:sans-serif;max-width:32em;margin:1em auto;padding:0 1em;"
                + "line-height:1.5}h2{font-size:1.1em}dl{margin:0}dt{font-weight:bold;margin-top:.5em}"
                + "dd{margin:0 0 0 1em;overflow-wrap:anywhere}fieldset{margin:1em 0}label{display:block;margin:.4em 0}"
                + "textarea{width:100%;height:5em;box-sizing:border-box}"
                + "button{font-size:1.1em;padding:.5em 2em}</style></head><body><main><h1>" + esc(title) + "</h1>"
                + body + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(html);
    }

    /** Escapes markup characters only (the page is UTF-8: Chinese text and "…" stay as they are). */
    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, StandardCharsets.UTF_8.name());
    }
}
