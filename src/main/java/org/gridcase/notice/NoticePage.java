package org.gridcase.notice;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import org.gridcase.support.BusinessClock;
import org.gridcase.support.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The page behind a notice's one-time link (一键达): the notice, its sender unit and a 「我已知晓」 button, without
 * login. Public by design, like the survey page: the unguessable token is the only key and names one household; the
 * page shows nothing of any resident and no staff member. Confirming twice is harmless. Every value is escaped.
 */
@Controller
class NoticePage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final NoticeService notices;

    NoticePage(NoticeService notices) {
        this.notices = notices;
    }

    @GetMapping(path = "/notice/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable String token) {
        try {
            NoticeService.PublicNotice notice = notices.byToken(token);
            return page(HttpStatus.OK, notice.title(), body(notice));
        } catch (NotFoundException e) {
            return gone();
        }
    }

    @PostMapping(path = "/notice/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable String token) {
        try {
            NoticeService.PublicNotice notice = notices.confirmByToken(token);
            return page(HttpStatus.OK, notice.title(), body(notice));
        } catch (NotFoundException e) {
            return gone();
        }
    }

    private static String body(NoticeService.PublicNotice n) {
        StringBuilder html = new StringBuilder();
        html.append("<p class=\"meta\">").append(esc(n.kindLabel())).append(" · 发布单位：").append(esc(n.senderUnit()))
                .append("</p>");
        for (String paragraph : n.text().split("\\R+")) {
            html.append("<p>").append(esc(paragraph)).append("</p>");
        }
        if (n.confirmed()) {
            html.append("<p class=\"done\" role=\"status\">您已确认知晓，感谢您的配合！</p>");
        } else {
            html.append("<p>请于 ").append(esc(TIME.format(n.confirmBy().atZone(BusinessClock.ZONE))))
                    .append(" 前确认已知晓本通知。</p>")
                    .append("<form method=\"post\"><button type=\"submit\">我已知晓</button></form>");
        }
        return html.toString();
    }

    /** An unknown link, or one whose notice is finished: no notice data. */
    private static ResponseEntity<String> gone() {
        return page(HttpStatus.NOT_FOUND, "链接已失效",
                "<p>该通知链接不存在或已失效。如有疑问，请联系您所在网格的网格员。</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title)
                + " - 通知</title><style>body{font-family:sans-serif;max-width:32em;margin:1em auto;padding:0 1em;"
                + "line-height:1.6}.meta{color:#555}.done{font-weight:bold;color:#16794a}"
                + "button{font-size:1.2em;padding:.6em 2.5em;width:100%}</style></head><body><main><h1>" + esc(title)
                + "</h1>" + body + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(html);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, StandardCharsets.UTF_8.name());
    }
}
