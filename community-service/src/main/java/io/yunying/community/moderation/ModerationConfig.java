package io.yunying.community.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "yunying.community.moderation")
public interface ModerationConfig {

    /** How often each replica looks for a newer lexicon version. */
    @WithDefault("2s")
    String lexiconPoll();

    /** More links than this in one text sends it to review as likely spam, when the author is not named; -1 turns the heuristic off. */
    @WithDefault("3")
    int maxLinks();

    /** Links an author may put in one text before it goes to review, by trust level 0, 1, 2, 3. */
    @WithDefault("1,3,5,10")
    List<Integer> maxLinksByTrustLevel();

    /**
     * Contexts the operators want checked strictly, as {@code key=value} ({@code board=kids},
     * {@code contentType=nickname}): there FLAG hits hold the text for review and any link sends it to review.
     */
    Optional<List<String>> strictContexts();

    /** How far back an author's checked texts count for the near-duplicate heuristic. */
    @WithDefault("24h")
    Duration historyWindow();

    /** SimHash distance (bits) under which a text counts as a near-duplicate of the author's recent one. */
    @WithDefault("3")
    int duplicateDistance();

    /** Texts per hour, by trust level 0, 1, 2, 3, beyond which an author's checked texts go to review as a burst. */
    @WithDefault("5,20,60,200")
    List<Integer> textsPerHour();
}
