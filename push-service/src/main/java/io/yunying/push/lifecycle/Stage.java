package io.yunying.push.lifecycle;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Stage {
    NEW, ACTIVE, SILENT, AT_RISK, CHURNED, RESURRECTED;

    /** The name used in the database, rules and events. */
    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
