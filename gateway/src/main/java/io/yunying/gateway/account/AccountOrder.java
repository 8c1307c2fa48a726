package io.yunying.gateway.account;

import io.yunying.platform.problem.ProblemException;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The orders the account list can be read in (the `sort` parameter), each paged by keyset. */
enum AccountOrder {
    USERNAME("username", "lower(username)", false),
    USERNAME_DESCENDING("-username", "lower(username)", true),
    CREATED("createdAt", "createdAt", false),
    CREATED_DESCENDING("-createdAt", "createdAt", true);

    static final String ALLOWED = Arrays.stream(values()).map(o -> o.parameter).collect(Collectors.joining(", "));

    final String parameter;
    private final String key;
    private final boolean descending;

    AccountOrder(String parameter, String key, boolean descending) {
        this.parameter = parameter;
        this.key = key;
        this.descending = descending;
    }

    static AccountOrder parse(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return USERNAME;
        }
        return Arrays.stream(values()).filter(o -> o.parameter.equals(parameter)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("sort", "one of " + ALLOWED));
    }

    /** The HQL ordering, with the id breaking ties so that every row has one place. */
    String orderBy() {
        String direction = descending ? " desc" : "";
        return " order by " + key + direction + ", id" + direction;
    }

    /** Rows strictly after the cursor's (key, id) in this order; ?1 is the key, ?2 the id. */
    String after() {
        String beyond = descending ? "<" : ">";
        return key + " " + beyond + " ?1 or (" + key + " = ?1 and id " + beyond + " ?2)";
    }

    /** The cursor's key in the type the query compares it as. */
    Object keyOf(String text) {
        return this == CREATED || this == CREATED_DESCENDING ? Instant.parse(text) : text;
    }

    String keyText(Account account) {
        return this == CREATED || this == CREATED_DESCENDING ? account.createdAt.toString() : account.username.toLowerCase();
    }
}
