package io.yunying.community.post;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "yunying.community.posting")
public interface PostingConfig {

    /** Posts and comments a member may write per hour, by trust level 0, 1, 2, 3. */
    @WithDefault("5,20,60,200")
    List<Integer> perHour();

    /** SimHash distance (bits) under which a post counts as a near-duplicate of the author's recent one. */
    @WithDefault("3")
    int duplicateDistance();

    Hot hot();

    /**
     * The board's hot sort (Lemmy and Hacker News): rank = log10(max(1, likes + comments + offset)) / (age in hours + 2)^gravity.
     * The offset lets a new post with no engagement yet start above zero; gravity sets how fast age wins.
     */
    interface Hot {
        @WithDefault("1.8")
        double gravity();

        @WithDefault("3")
        int offset();

        /** Posts older than this are not ranked: at gravity 1.8 their rank is negligible next to any newer post. */
        @WithDefault("7d")
        Duration horizon();
    }
}
