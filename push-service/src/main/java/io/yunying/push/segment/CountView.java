package io.yunying.push.segment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "SegmentCount")
public record CountView(long count, Instant evaluatedAt) {
}
