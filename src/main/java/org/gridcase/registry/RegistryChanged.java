package org.gridcase.registry;

/** Published inside the transaction that changed areas; the grid index rebuilds after it commits. */
record RegistryChanged(String kind) {
}
