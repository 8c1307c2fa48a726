package io.yunying.content.support;

import io.vertx.pgclient.PgException;
import io.yunying.platform.problem.DatabaseErrors;

/** The reactive client reports PostgreSQL errors as {@link PgException}, not as a JDBC {@code SQLException}. */
public final class PgErrors {

    private PgErrors() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return DatabaseErrors.isUniqueViolation(failure);
    }
}
