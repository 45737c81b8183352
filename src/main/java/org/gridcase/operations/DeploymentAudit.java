package org.gridcase.operations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.gridcase.support.BusinessClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records every new deployment (who, when, which resources, its id, name and source) in {@code deployment_audit},
 * in the transaction of the deployment itself: a deployment that commits has its record, one that rolls back has
 * none. A post-deployer of the engine, so every way in is covered: the engine REST API (Camunda Modeler), the
 * webapps, the jar's own deployment at start (no user: recorded with none). The engine's deployers also run when
 * a deployment is loaded into the cache again; only {@link DeploymentEntity#isNew() new} ones are recorded.
 * <p>
 * Process owners may deploy models whose expressions call Spring beans: that is the role's nature, so this record
 * is what an administrator reviews.
 */
@Component
class DeploymentAudit extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DeploymentAudit.class);
    static final int RESOURCES_LENGTH = 4000;

    private final JdbcTemplate jdbc;

    DeploymentAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPostDeployers();
        if (deployers == null) {
            deployers = new ArrayList<>();
            configuration.setCustomPostDeployers(deployers);
        }
        deployers.add(this::record);
    }

    private void record(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        CommandContext command = Context.getCommandContext();
        String user = command == null ? null : command.getAuthenticatedUserId();
        List<String> names = deployment.getResources() == null ? List.of()
                : deployment.getResources().keySet().stream().sorted().toList();
        Instant at = deployment.getDeploymentTime() != null ? deployment.getDeploymentTime().toInstant()
                : BusinessClock.now();
        jdbc.update("insert into deployment_audit (deployment_id, deployment_name, source, tenant_id, deployed_by, "
                + "deployed_at, resource_count, resources) values (?, ?, ?, ?, ?, ?, ?, ?)",
                deployment.getId(), cut(deployment.getName(), 255), cut(deployment.getSource(), 255),
                deployment.getTenantId(), user, Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC)),
                names.size(), joined(names));
        log.info("Deployment {} '{}' (source {}) by {}: {}", deployment.getId(), deployment.getName(),
                deployment.getSource(), user == null ? "the application" : user, names);
    }

    /** One name a line; what does not fit ends with a count of the rest (the count column is always whole). */
    static String joined(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String next = (i == 0 ? "" : "\n") + names.get(i);
            String rest = "\n… +" + (names.size() - i);
            if (out.length() + next.length() + (i < names.size() - 1 ? rest.length() : 0) > RESOURCES_LENGTH) {
                return out + rest;
            }
            out.append(next);
        }
        return out.toString();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
