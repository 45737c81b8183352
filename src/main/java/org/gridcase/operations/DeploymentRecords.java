package org.gridcase.operations;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.gridcase.support.PageView;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Reads the deployment record, newest first. */
@Service
class DeploymentRecords {

    private final JdbcTemplate jdbc;

    DeploymentRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    PageView<DeploymentRecord> page(int page, int size) {
        PageRequest request = PageView.request(page, size, Sort.unsorted());
        long total = jdbc.queryForObject("select count(*) from deployment_audit", Long.class);
        List<DeploymentRecord> items = jdbc.query("select deployment_id, deployment_name, source, tenant_id, "
                + "deployed_by, deployed_at, resource_count, resources from deployment_audit "
                + "order by deployed_at desc, id desc limit ? offset ?",
                (rs, n) -> new DeploymentRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toLocalDateTime().toInstant(ZoneOffset.UTC), rs.getInt(7),
                        Arrays.asList(rs.getString(8).split("\n"))),
                request.getPageSize(), request.getOffset());
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
    }
}
