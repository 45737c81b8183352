package org.gridcase.operations;

import java.time.Instant;
import java.util.List;

/** One deployment as recorded: {@code deployedBy} is absent for the application's own deployment at start. */
record DeploymentRecord(String deploymentId, String name, String source, String tenantId, String deployedBy,
        Instant deployedAt, int resourceCount, List<String> resources) {
}
