package io.yunying.push.rfm;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The standard RFM named groups, read off the recency score R and FM, the rounded mean of the
 * frequency and monetary scores. Every (R, FM) cell belongs to exactly one group; see the README.
 */
public enum RfmGroup {
    CHAMPIONS, LOYAL, POTENTIAL_LOYALISTS, NEW_CUSTOMERS, PROMISING, NEED_ATTENTION, CANT_LOSE_THEM, AT_RISK,
    HIBERNATING, LOST;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
