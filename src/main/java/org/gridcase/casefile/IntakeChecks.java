package org.gridcase.casefile;

import java.util.List;

import org.gridcase.support.InvalidInputException.FieldProblem;

/**
 * The field checks every kind's intake makes the same way, so that a bad coordinate, address or external id is
 * named with the same words whatever was reported. Each adds its problems to the list and answers what it read.
 */
public final class IntakeChecks {

    private IntakeChecks() {
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Whether {@code lat}/{@code lng} are a usable point; when a location was given but is not, names
     * {@code location.lat} / {@code location.lng}. Written so that NaN, which compares false with everything, is out of
     * range too.
     */
    public static boolean coordinates(boolean given, Double lat, Double lng, List<FieldProblem> errors) {
        boolean latValid = lat != null && lat >= -90 && lat <= 90;
        boolean lngValid = lng != null && lng >= -180 && lng <= 180;
        if (given && !latValid) {
            errors.add(new FieldProblem("location.lat", "纬度应为 -90 到 90 之间的数"));
        }
        if (given && !lngValid) {
            errors.add(new FieldProblem("location.lng", "经度应为 -180 到 180 之间的数"));
        }
        return latValid && lngValid;
    }

    /** The address, trimmed, or null; names {@code address} when it is too long. */
    public static String address(String raw, List<FieldProblem> errors) {
        String address = blankToNull(raw);
        if (address != null && address.length() > CaseFile.ADDRESS_LENGTH) {
            errors.add(new FieldProblem("address", "最长 " + CaseFile.ADDRESS_LENGTH + " 字"));
        }
        return address;
    }

    /** The external id, trimmed, or null; names {@code externalId} when it is too long. */
    public static String externalId(String raw, List<FieldProblem> errors) {
        String externalId = blankToNull(raw);
        if (externalId != null && externalId.length() > CaseFile.EXTERNAL_ID_LENGTH) {
            errors.add(new FieldProblem("externalId", "最长 " + CaseFile.EXTERNAL_ID_LENGTH + " 个字符"));
        }
        return externalId;
    }
}
