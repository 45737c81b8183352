package org.gridcase.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface People extends JpaRepository<Person, Long> {

    Optional<Person> findByLogin(String login);

    List<Person> findByLoginIn(Collection<String> logins);

    @Query("select distinct p from Person p join p.roles r where r.area = :area and r.role = :role order by p.login")
    List<Person> findByAreaAndRole(@Param("area") Area area, @Param("role") Role role);

    @Query(value = "select distinct p from Person p left join p.roles r left join r.area a left join r.department d "
            + "where (:role is null or r.role = :role) and (:areaCode is null or a.code = :areaCode) "
            + "and (:departmentCode is null or d.code = :departmentCode) "
            + "and (:q is null or p.login like concat('%', :q, '%') or p.name like concat('%', :q, '%'))",
            countQuery = "select count(distinct p) from Person p left join p.roles r left join r.area a "
                    + "left join r.department d where (:role is null or r.role = :role) "
                    + "and (:areaCode is null or a.code = :areaCode) "
                    + "and (:departmentCode is null or d.code = :departmentCode) "
                    + "and (:q is null or p.login like concat('%', :q, '%') or p.name like concat('%', :q, '%'))")
    Page<Person> search(@Param("role") Role role, @Param("areaCode") String areaCode,
            @Param("departmentCode") String departmentCode, @Param("q") String q, Pageable pageable);
}
