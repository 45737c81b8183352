package org.gridcase.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface Departments extends JpaRepository<Department, Long> {

    Optional<Department> findByCode(String code);

    List<Department> findAllByOrderByCode();
}
