package io.yunying.push.support;

import io.yunying.testsupport.PostgresTestResource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Writes to the test database directly: clears the audience tables between tests that count everyone. */
public final class Db {

    private Db() {
    }

    public static void exec(String sql) {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection of its own to the test database, for a test that plays another process holding locks. */
    public static Connection connect() throws SQLException {
        return PostgresTestResource.server().connect(PostgresTestResource.database());
    }

    /** Empties the message tables and the audience. */
    public static void clearMessages() {
        exec("truncate template, campaign, delivery, delivery_holdout, delivery_event, suppression, inbox_message, send_budget cascade");
        clearAudience();
    }

    /** Empties every table a global count (segments, RFM, lifecycle, analytics) would see. */
    public static void clearAudience() {
        exec("truncate contact, contact_address, consent, consent_log, event, segment, segment_member, contact_rfm, "
                + "contact_lifecycle, stage_change, outbox, import_job, import_error, delivery cascade");
    }
}
