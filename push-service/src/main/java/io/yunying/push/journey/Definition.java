package io.yunying.push.journey;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A journey's flow as the engine reads it, checked and typed. Steps lead only forward (a step's next
 * steps come later in the list), so the engine can process them in list order and an entry reaches a
 * step at most once.
 */
record Definition(Trigger trigger, List<Step> steps, List<Exit> exits) {

    Step first() {
        return steps.get(0);
    }

    Step step(String key) {
        return key == null ? null : steps.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    /** How long an entry stays at a step before it is processed: a wait's delay, zero for the others. */
    Duration arrivalDelay(String key) {
        return step(key) instanceof Wait w ? w.delay() : Duration.ZERO;
    }

    sealed interface Trigger permits EventTrigger, StageTrigger, ExpiryTrigger, ContentTrigger {
    }

    /** A behaviour event of a type whose properties contain the given ones. */
    record EventTrigger(String event, JsonNode properties) implements Trigger {
    }

    /** A lifecycle stage change to one of {@code to}, optionally from one of {@code from}. */
    record StageTrigger(List<String> to, List<String> from) implements Trigger {
    }

    /** Membership expiring: buckets of days before {@code membership_expires_at}, counted in local calendar days. */
    record ExpiryTrigger(List<Integer> daysBefore) implements Trigger {
    }

    /** content-service published a piece, optionally of one of the categories or carrying one of the tags. */
    record ContentTrigger(List<String> categories, List<String> tags) implements Trigger {
    }

    sealed interface Step permits Send, Wait, Condition {
        UUID id();

        String key();
    }

    record Send(UUID id, String key, String template, String channel, List<String> fallback, String next) implements Step {
    }

    record Wait(UUID id, String key, Duration delay, String next) implements Step {
    }

    /**
     * Exactly one test: {@code rule} (a segment rule over the contact), {@code performed} (an event of
     * that type since the entry), or {@code contextField} in {@code contextValues} (what triggered the entry).
     */
    record Condition(UUID id, String key, JsonNode rule, String performed, List<String> contextPath,
                     List<String> contextValues, String yes, String no) implements Step {
    }

    /** Leave when the contact performs {@code event} after entering, or is in one of {@code stages}. */
    record Exit(String event, List<String> stages) {

        /** The exit reason recorded for an event rule; a stage rule records the stage reached. */
        String reason() {
            return "event:" + event;
        }
    }
}
