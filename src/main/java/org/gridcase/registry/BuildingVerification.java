package org.gridcase.registry;

/** Names shared by {@code processes/verify-building.bpmn}, its form and its Java side. */
public final class BuildingVerification {

    public static final String PROCESS_ID = "verify-building";
    public static final String TASK_VERIFY = "VerifyBuildingTask";

    public static final String BUILDING_CODE = "buildingCode";
    public static final String GRID_CODE = "gridCode";
    public static final String GRID_GROUP = "gridGroup";
    /** What the form shows instead of codes: the grid's name and the building's registered address. */
    public static final String GRID_NAME = "gridName";
    public static final String REGISTERED_ADDRESS = "registeredAddress";
    public static final String ADDRESS = "address";
    public static final String HOUSEHOLDS = "households";
    public static final String NOTE = "verificationNote";
    public static final String VERIFIED_BY = "verifiedBy";
    public static final String REQUESTED_BY = "requestedBy";

    private BuildingVerification() {
    }
}
