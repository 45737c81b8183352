package org.gridcase.open311;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators issue an API key per Open311 client, list the keys (never the key itself) and revoke them. */
@RestController
@RequestMapping("/api/open311/keys")
@PreAuthorize("hasAuthority('camunda-admin')")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    record NewKey(String client) {
    }

    /** 201 with the key, shown this once. */
    @PostMapping
    ResponseEntity<ApiKeyService.Issued> issue(@RequestBody(required = false) NewKey body, Authentication admin) {
        ApiKeyService.Issued issued = keys.issue(body == null ? null : body.client(), admin.getName());
        return ResponseEntity.created(URI.create("/api/open311/keys/" + issued.id())).body(issued);
    }

    @GetMapping
    List<ApiKeyService.KeyView> list() {
        return keys.list();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id, Authentication admin) {
        keys.revoke(id, admin.getName());
        return ResponseEntity.noContent().build();
    }
}
