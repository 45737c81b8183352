package org.gridcase.support;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** One page of a list answer: the items and where they stand in the whole. */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static final int MAX_SIZE = 200;

    public static <E, T> PageView<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageView<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }

    /** A page request; a page below 0 or a size outside 1..200 is the caller's error. */
    public static PageRequest request(int page, int size, Sort sort) {
        if (page < 0) {
            throw InvalidInputException.of("page", "页码从 0 开始");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidInputException.of("size", "每页条数应在 1 到 " + MAX_SIZE + " 之间");
        }
        return PageRequest.of(page, size, sort);
    }
}
