package io.yunying.community.post;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

@ConfigMapping(prefix = "yunying.community.posting")
public interface PostingConfig {

    /** Posts and comments a member may write per hour, by trust level 0, 1, 2, 3. */
    @WithDefault("5,20,60,200")
    List<Integer> perHour();

    /** SimHash distance (bits) under which a post counts as a near-duplicate of the author's recent one. */
    @WithDefault("3")
    int duplicateDistance();
}
