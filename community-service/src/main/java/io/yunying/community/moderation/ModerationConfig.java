package io.yunying.community.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "yunying.community.moderation")
public interface ModerationConfig {

    /** How often each replica looks for a newer lexicon version. */
    @WithDefault("2s")
    String lexiconPoll();

    /** More links than this in one text sends it to review as likely spam; -1 turns the heuristic off. */
    @WithDefault("3")
    int maxLinks();
}
