package org.gridcase.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gridcase.support.DemoProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Demo profile only (on H2, or where {@code demo} is named: {@link DemoProfile}): loads the demo town 示范镇 (areas, departments, staff, buildings, residents) once, through the
 * same imports an administrator uses, and asks two grids to verify a building so Tasklist has work in it.
 */
@Component
@Order(10)
@ConditionalOnProperty(prefix = "gridcase.demo", name = "enabled", havingValue = "true")
class DemoTown implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoTown.class);
    static final String TOWN = "SFZ";

    private final Areas areas;
    private final AreaImport areaImport;
    private final DepartmentImport departmentImport;
    private final StaffImport staffImport;
    private final HousingImport housingImport;
    private final BuildingVerificationService verification;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final boolean sampleTasks;
    private final Environment environment;

    DemoTown(Areas areas, AreaImport areaImport, DepartmentImport departmentImport, StaffImport staffImport,
            HousingImport housingImport, BuildingVerificationService verification, ObjectMapper json,
            TransactionTemplate tx, @Value("${gridcase.demo.sample-tasks:true}") boolean sampleTasks,
            Environment environment) {
        this.areas = areas;
        this.areaImport = areaImport;
        this.departmentImport = departmentImport;
        this.staffImport = staffImport;
        this.housingImport = housingImport;
        this.verification = verification;
        this.json = json;
        this.tx = tx;
        this.sampleTasks = sampleTasks;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        // demo logins have the password "demo": outside H2 only where the profile demo was named
        DemoProfile.requireNamedOutsideH2(environment);
        if (areas.findByCode(TOWN).isPresent()) {
            log.info("Demo town {} already loaded", TOWN);
            return;
        }
        tx.executeWithoutResult(status -> {
            try {
                areaImport.importFeatureCollection(json.readTree(read("demo/areas.geojson")));
                departmentImport.upsert(json.readValue(read("demo/departments.json"),
                        new TypeReference<List<DepartmentImport.DepartmentInput>>() { }));
                staffImport.importCsv(read("demo/people.csv"));
                housingImport.importBuildings(read("demo/buildings.csv"), grid -> true);
                housingImport.importResidents(read("demo/residents.csv"), grid -> true);
            } catch (IOException e) {
                throw new IllegalStateException("Demo data unreadable", e);
            }
        });
        if (sampleTasks) {
            tx.executeWithoutResult(status -> {
                verification.request("SFZ-B0101", "maxiuying");
                verification.request("SFZ-B0401", "zhaoguoqing");
            });
        }
        log.info("Demo town {} loaded: log in as admin / demo, grid worker zhangwei / demo", TOWN);
    }

    private static String read(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
