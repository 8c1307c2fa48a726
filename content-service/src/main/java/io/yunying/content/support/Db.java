package io.yunying.content.support;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small conversions between Java values and the reactive PostgreSQL client's types. */
public final class Db {

    private Db() {
    }

    /** A parameter tuple that accepts nulls and turns {@link Instant}s into timestamptz values. */
    public static Tuple args(Object... values) {
        List<Object> converted = new ArrayList<>(values.length);
        for (Object v : values) {
            converted.add(v instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : v);
        }
        return Tuple.from(converted);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static List<String> strings(Row row, String column) {
        String[] values = row.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }

    public static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }
}
