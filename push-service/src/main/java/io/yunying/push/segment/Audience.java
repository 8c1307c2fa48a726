package io.yunying.push.segment;

import java.util.List;

/**
 * Segment memberships as one SQL condition over {@code contact c} (left-joined to {@code contact_rfm r}
 * and {@code contact_lifecycle l}) with its parameters, numbered after the statement's own.
 */
public record Audience(String where, List<Object> params) {
}
