package org.gridcase.survey;

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
 * Public by design; the unguessable token is the only key, and it works once.
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
            SurveyToken t = survey.usable(token);
            return page(HttpStatus.OK, "请评价办理结果", "<p>" + esc(survey.subject(t.getTrackingNumber()))
                    + "（编号 " + esc(t.getTrackingNumber()) + "）已办理完毕，请您评价。</p>"
                    + "<form method=\"post\">"
                    + "<fieldset><legend>问题是否已解决？</legend>"
                    + radio("resolved", "YES", "已解决") + radio("resolved", "NO", "未解决") + "</fieldset>"
                    + "<fieldset><legend>您对办理结果是否满意？</legend>"
                    + radio("satisfaction", "SATISFIED", "满意") + radio("satisfaction", "BASICALLY_SATISFIED", "基本满意")
                    + radio("satisfaction", "UNSATISFIED", "不满意") + "</fieldset>"
                    + "<label>意见建议（选填）<textarea name=\"comment\" maxlength=\"500\"></textarea></label>"
                    + "<button type=\"submit\">提交评价</button></form>");
        } catch (NotFoundException e) {
            return page(HttpStatus.GONE, "链接已失效", "<p>" + esc(e.getMessage()) + "</p>");
        }
    }

    @PostMapping(path = "/survey/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> submit(@PathVariable String token, @RequestParam(required = false) String satisfaction,
            @RequestParam(required = false) String resolved, @RequestParam(required = false) String comment) {
        try {
            SurveyService.Answered answered = survey.answer(token, satisfaction, resolved, comment);
            return page(HttpStatus.OK, "感谢您的评价",
                    "<p>编号 " + esc(answered.trackingNumber()) + " 的评价已收到。感谢您对网格工作的支持！</p>");
        } catch (InvalidInputException e) {
            return page(HttpStatus.BAD_REQUEST, "请完整填写", "<p>" + esc(e.getMessage())
                    + "</p><p><a href=\"\">返回重新填写</a></p>");
        } catch (NotFoundException e) {
            return page(HttpStatus.GONE, "链接已失效", "<p>" + esc(e.getMessage()) + "</p>");
        }
    }

    private static String radio(String name, String value, String label) {
        return "<label class=\"opt\"><input type=\"radio\" name=\"" + name + "\" value=\"" + value + "\" required> "
                + label + "</label>";
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title)
                + " - 网格服务评价</title><style>body{font-family:sans-serif;max-width:32em;margin:1em auto;padding:0 1em}"
                + "fieldset{margin:1em 0}label{display:block;margin:.4em 0}textarea{width:100%;height:5em}"
                + "button{font-size:1.1em;padding:.5em 2em}</style></head><body><h1>" + esc(title) + "</h1>" + body
                + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}
