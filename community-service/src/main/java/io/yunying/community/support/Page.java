package io.yunying.community.support;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /** Builds a page from {@code limit + 1} fetched rows: the extra row only tells that more exist. */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, T> view, Function<E, String> cursor) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursor.apply(shown.get(shown.size() - 1)) : null);
    }
}
