package io.yunying.content.feed;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "FeedPage", description = "Pinned slots first (first page only), then items by engagement score")
public record FeedPage(String key, String title, List<Card> items, String nextCursor) {
}
