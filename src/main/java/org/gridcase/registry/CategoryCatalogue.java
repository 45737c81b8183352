package org.gridcase.registry;

/**
 * The category codes a department may handle (its 职责). The catalogue belongs to the case kinds above the registry
 * (the request categories), so the registry asks through this interface instead of knowing them.
 */
public interface CategoryCatalogue {

    boolean isKnown(String code);
}
