package io.yunying.push.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

import java.util.List;

/**
 * Deliveries one worker claimed, with the connection and open transaction whose row locks are their
 * lease. The batch's other reads go through the same connection, so a worker never waits for a second
 * one from the pool while holding the first.
 */
record ClaimedBatch(SqlConnection connection, Transaction transaction, List<Claimed> rows) {

    /** Ends the lease with what was written in it. */
    Uni<Void> commit() {
        return transaction.commit().eventually(connection::close);
    }

    /** Ends the lease without writing: the rows are due again for any worker, as they were. */
    Uni<Void> abandon() {
        return transaction.rollback().onFailure().recoverWithNull().eventually(connection::close);
    }
}
