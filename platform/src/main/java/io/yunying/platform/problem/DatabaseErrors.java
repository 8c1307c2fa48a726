package io.yunying.platform.problem;

import java.sql.SQLException;

/** Recognises the PostgreSQL errors a feature answers on purpose instead of failing with a 500. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    /**
     * True when the failure, or one of its causes, is a unique-constraint violation. Hibernate Reactive
     * reports PostgreSQL errors as an {@link SQLException} carrying the SQLSTATE.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
