package io.yunying.push.journey;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "JourneyEngineRun", description = "What one run of the engine did, over every active journey")
public record EngineRun(int journeys, long entered, long moved, long deliveries, long exited, long completed) {

    static final EngineRun NONE = new EngineRun(0, 0, 0, 0, 0, 0);

    EngineRun plus(EngineRun other) {
        return new EngineRun(journeys + other.journeys, entered + other.entered, moved + other.moved,
                deliveries + other.deliveries, exited + other.exited, completed + other.completed);
    }
}
