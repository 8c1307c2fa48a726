package io.yunying.content.feed;

/** Fired when what feeds show may have changed on this replica: an item went live or left, pins, filters, ranking. */
public record FeedChanged(String why) {
}
