package io.yunying.push.campaign;

import java.util.List;
import java.util.Map;

/**
 * A campaign's lifecycle. Operators launch, pause, resume and cancel; the scheduler moves a
 * one-off campaign to RUNNING when it fans out and to COMPLETED when nothing is left to send.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED;

    /** The operator actions allowed from each status. */
    static final Map<CampaignStatus, List<String>> ACTIONS = Map.of(
            DRAFT, List.of("launch", "cancel"),
            SCHEDULED, List.of("pause", "cancel"),
            RUNNING, List.of("pause", "cancel"),
            PAUSED, List.of("resume", "cancel"),
            COMPLETED, List.of(),
            CANCELLED, List.of());

    List<String> actions() {
        return ACTIONS.get(this);
    }

    boolean editable() {
        return this == DRAFT || this == SCHEDULED || this == PAUSED;
    }
}
