package org.gridcase.request;

import org.gridcase.registry.CategoryCatalogue;
import org.springframework.stereotype.Component;

/** The departments' categories are the request catalogue's ({@link Categories}). */
@Component
class RequestCategoryCatalogue implements CategoryCatalogue {

    @Override
    public boolean isKnown(String code) {
        return code != null && Categories.name(code).isPresent();
    }
}
