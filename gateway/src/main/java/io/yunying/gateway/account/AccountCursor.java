package io.yunying.gateway.account;

import io.yunying.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/** Where a page of accounts ended: the order it was read in, and the last row's sort key and id. */
record AccountCursor(AccountOrder order, String key, UUID id) {

    static AccountCursor after(Account last, AccountOrder order) {
        return new AccountCursor(order, order.keyText(last), last.id);
    }

    String encode() {
        String text = order.parameter + "\n" + key + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a previous page returned, for the same order; null for the first page. */
    static AccountCursor decode(String cursor, AccountOrder order) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3 || !parts[0].equals(order.parameter)) {
                throw ProblemException.invalid("cursor", "not a cursor this list returned for sort=" + order.parameter);
            }
            order.keyOf(parts[1]);
            return new AccountCursor(order, parts[1], UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "not a cursor this list returned");
        }
    }
}
