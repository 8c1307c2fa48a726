package io.yunying.push.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "Funnel")
public record Funnel(List<Step> steps, double overallConversion, int windowHours) {

    public record Step(int step, String event, long contacts,
                       @Schema(description = "share of the first step's contacts") double fromStart,
                       @Schema(description = "share of the previous step's contacts") double fromPrevious) {
    }
}
