package io.yunying.push.segment;

import java.util.ArrayList;
import java.util.List;

/** Collects bound parameters while SQL is written; user input only ever reaches PostgreSQL through bind. */
final class SqlBuilder {

    private final List<Object> params = new ArrayList<>();
    private final int offset;

    SqlBuilder(int offset) {
        this.offset = offset;
    }

    /** A placeholder with an explicit type, so PostgreSQL never has to guess an operator overload. */
    String bind(Object value, String type) {
        params.add(value);
        return "$" + (offset + params.size()) + "::" + type;
    }

    List<Object> params() {
        return params;
    }
}
