package org.gridcase.registry;

import static org.gridcase.registry.BuildingVerification.*;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.gridcase.support.BusinessClock;

/** Asks the grid of a building to verify its record on site (核查楼栋信息), and records the result. */
@Service
class BuildingVerificationService {

    private static final Logger log = LoggerFactory.getLogger(BuildingVerificationService.class);

    private final Buildings buildings;
    private final RuntimeService runtimeService;

    BuildingVerificationService(Buildings buildings, RuntimeService runtimeService) {
        this.buildings = buildings;
        this.runtimeService = runtimeService;
    }

    /** Starts a verification; the process instance's business key is the building code. */
    @Transactional
    public String request(String buildingCode, String requestedBy) {
        Building building = buildings.findByCode(buildingCode)
                .orElseThrow(() -> new NotFoundException("楼栋 " + buildingCode + " 不存在"));
        boolean running = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
                .processInstanceBusinessKey(buildingCode).count() > 0;
        if (running) {
            throw InvalidInputException.of("buildingCode", "楼栋 " + buildingCode + " 已有进行中的核查");
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(BUILDING_CODE, building.getCode());
        variables.put(GRID_CODE, building.getGrid().getCode());
        variables.put(GRID_GROUP, GroupIds.area(building.getGrid().getCode()));
        variables.put(GRID_NAME, building.getGrid().getName());
        variables.put(REGISTERED_ADDRESS, building.getAddress());
        variables.put(ADDRESS, building.getAddress());
        variables.put(HOUSEHOLDS, building.getHouseholds() == null ? null : building.getHouseholds().longValue());
        variables.put(REQUESTED_BY, requestedBy);
        String id = runtimeService.startProcessInstanceByKey(PROCESS_ID, building.getCode(), variables).getId();
        log.info("Building verification {} started for {} in grid {}", id, buildingCode, building.getGrid().getCode());
        return id;
    }

    /** Checks what the grid worker entered; a fault is shown to him in Tasklist and nothing is completed. */
    static void check(Object address, Object households) {
        if (!(address instanceof String a) || a.isBlank() || a.length() > 255) {
            throw InvalidInputException.of(ADDRESS, "地址必填，最长 255 字");
        }
        if (!(households instanceof Number n) || n.longValue() < 0 || n.longValue() > 100_000) {
            throw InvalidInputException.of(HOUSEHOLDS, "户数必填，应为 0 到 100000 之间的整数");
        }
    }

    @Transactional
    public void record(String buildingCode, String address, long households, String verifiedBy) {
        Building building = buildings.findByCode(buildingCode)
                .orElseThrow(() -> new IllegalStateException("Building " + buildingCode + " vanished"));
        building.recordVerification(address.strip(), (int) households, verifiedBy, BusinessClock.now());
        log.info("Building {} verified by {}", buildingCode, verifiedBy);
    }
}
