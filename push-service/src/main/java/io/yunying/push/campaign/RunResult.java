package io.yunying.push.campaign;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one fan-out wrote: new deliveries and new holdout rows (0 when the run had been fanned out already). */
@Schema(name = "CampaignRun")
public record RunResult(String campaign, String occurrence, long deliveries, long heldOut) {
}
