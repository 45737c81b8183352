package org.gridcase.attachment;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridcase.casefile.CaseAccess;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A case's photos and documents: upload (multipart, part {@code file}, optional {@code note}), list (metadata), the
 * stored file and an image's thumbnail. Access and every check are {@link Attachments}'.
 */
@RestController
@RequestMapping("/api/cases/{trackingNumber}/attachments")
class AttachmentController {

    private final Attachments attachments;

    AttachmentController(Attachments attachments) {
        this.attachments = attachments;
    }

    /** 201 with the attachment (its {@code id}) and its address. The file's own name and type are not trusted. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AttachmentView> upload(@PathVariable String trackingNumber,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "note", required = false) String note, Authentication caller) {
        AttachmentView view = attachments.upload(caller(caller), trackingNumber,
                file == null ? null : file.getOriginalFilename(), file == null || file.isEmpty() ? null : file, note);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(view.id())
                .toUri();
        return ResponseEntity.created(location).body(view);
    }

    @GetMapping
    List<AttachmentView> list(@PathVariable String trackingNumber, Authentication caller) {
        return attachments.list(caller(caller), trackingNumber);
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> file(@PathVariable String trackingNumber, @PathVariable long id, Authentication caller,
            HttpServletResponse response) {
        return serve(attachments.file(caller(caller), trackingNumber, id), response);
    }

    @GetMapping("/{id}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable String trackingNumber, @PathVariable long id,
            Authentication caller, HttpServletResponse response) {
        return serve(attachments.thumbnail(caller(caller), trackingNumber, id), response);
    }

    /**
     * Served with its real type and never sniffed; images (re-encoded here) inline, documents as a download; the
     * name RFC 5987-encoded; a sandbox policy in case a browser renders it as a page all the same. Binary, so
     * without the charset that {@code server.servlet.encoding.force} puts on every answer.
     */
    private static ResponseEntity<byte[]> serve(StoredFile file, HttpServletResponse response) {
        response.setCharacterEncoding((String) null);
        ContentDisposition disposition = (file.image() ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.fileName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.bytes().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(file.bytes());
    }

    private static CaseAccess.Caller caller(Authentication caller) {
        Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new CaseAccess.Caller(caller.getName(), groups);
    }
}
