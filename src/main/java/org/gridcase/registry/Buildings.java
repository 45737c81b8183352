package org.gridcase.registry;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface Buildings extends JpaRepository<Building, Long> {

    Optional<Building> findByCode(String code);

    Page<Building> findByGridCode(String gridCode, Pageable pageable);
}
