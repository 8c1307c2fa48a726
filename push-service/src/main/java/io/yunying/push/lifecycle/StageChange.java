package io.yunying.push.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "StageChange")
public record StageChange(@Schema(description = "null for a contact's first classification") String from, String to, Instant changedAt) {
}
