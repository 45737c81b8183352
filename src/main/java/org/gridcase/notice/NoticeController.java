package org.gridcase.notice;

import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.support.PageView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 一键达: leaders, dispatchers and grid leaders send a notice to the households of their areas here (202: the SMS
 * follow in the background); staff read the notices of their jurisdiction with their receipts and 知晓率.
 */
@RestController
@RequestMapping("/api/notices")
class NoticeController {

    private final NoticeService notices;

    NoticeController(NoticeService notices) {
        this.notices = notices;
    }

    @PostMapping
    @PreAuthorize("hasAnyAuthority('leaders', 'dispatchers', 'grid-leaders', 'camunda-admin')")
    ResponseEntity<NoticeService.Accepted> send(@RequestBody(required = false) NoticeService.NoticeInput input,
            Authentication caller) {
        NoticeService.Accepted accepted = notices.send(caller(caller), input);
        return ResponseEntity.accepted().location(URI.create("/api/notices/" + accepted.id())).body(accepted);
    }

    /** Newest first; only notices whose every grid is in the caller's jurisdiction. */
    @GetMapping
    PageView<NoticeService.NoticeSummary> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, Authentication caller) {
        return notices.list(caller(caller), page, size);
    }

    @GetMapping("/{id}")
    NoticeService.NoticeDetail detail(@PathVariable long id, Authentication caller) {
        return notices.detail(caller(caller), id);
    }

    private static NoticeService.Caller caller(Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new NoticeService.Caller(caller.getName(), groups);
    }
}
