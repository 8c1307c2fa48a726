package io.yunying.push.segment;

import java.util.List;
import java.util.Map;

/**
 * A rule as a SQL condition over {@code contact c} (joined with {@code contact_rfm r} and
 * {@code contact_lifecycle l}), its parameters, and the segments it refers to by rule path.
 */
record CompiledRule(String where, List<Object> params, Map<String, String> segmentRefs) {
}
