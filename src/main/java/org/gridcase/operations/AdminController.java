package org.gridcase.operations;

import org.gridcase.support.PageView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What administrators (camunda-admin) review: every deployment of models to the engine. */
@RestController
@RequestMapping("/api/admin")
@PreAuthorize("hasAuthority('camunda-admin')")
class AdminController {

    private final DeploymentRecords deployments;

    AdminController(DeploymentRecords deployments) {
        this.deployments = deployments;
    }

    /** Newest first: who deployed which resources, when, with the deployment's id, name and source. */
    @GetMapping("/deployments")
    PageView<DeploymentRecord> deployments(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return deployments.page(page, size);
    }
}
