package io.yunying.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the test database directly, so tests assert on rows, not only on what the API says. */
public final class Sql {

    private Sql() {
    }

    public static long count(String sql, Object... params) {
        return first(sql, rows -> rows.getLong(1), params);
    }

    public static String string(String sql, Object... params) {
        return first(sql, rows -> rows.getString(1), params);
    }

    @FunctionalInterface
    private interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T first(String sql, Column<T> column, Object... params) {
        try (Connection c = PostgresTestResource.server().connect(PostgresTestResource.database());
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? column.read(rows) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
