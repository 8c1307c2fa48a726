package io.yunying.push.support;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL errors the push features answer on purpose, as reported by the reactive client. */
public final class PgErrors {

    private PgErrors() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
