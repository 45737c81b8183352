-- Every new deployment to the engine (BPMN, DMN, forms): who, when, which resources. Written by the engine's
-- deployment command in its own transaction (operations/DeploymentAudit), read by administrators.
create table deployment_audit (
    id              bigint        auto_increment primary key,
    deployment_id   varchar(64)   not null,
    deployment_name varchar(255),
    source          varchar(255),
    tenant_id       varchar(64),
    deployed_by     varchar(255),
    deployed_at     datetime(6)   not null,
    resource_count  int           not null,
    resources       varchar(4000) not null,
    constraint uk_deployment_audit_deployment unique (deployment_id)
) ${table_options};
create index ix_deployment_audit_at on deployment_audit (deployed_at);
