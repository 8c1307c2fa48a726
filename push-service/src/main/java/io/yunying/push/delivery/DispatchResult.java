package io.yunying.push.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one dispatcher pass did with the deliveries it claimed. */
@Schema(name = "DispatchResult")
public record DispatchResult(int claimed, int sent, int held, int dropped, int retried, int failed) {

    static final DispatchResult NONE = new DispatchResult(0, 0, 0, 0, 0, 0);

    DispatchResult plus(DispatchResult o) {
        return new DispatchResult(claimed + o.claimed, sent + o.sent, held + o.held, dropped + o.dropped, retried + o.retried, failed + o.failed);
    }
}
