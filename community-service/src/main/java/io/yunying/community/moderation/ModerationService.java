package io.yunying.community.moderation;

import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** The check every piece of community and UGC text goes through. Pure computation on the current snapshot. */
@ApplicationScoped
public class ModerationService {

    private final LexiconHolder holder;
    private final ModerationConfig config;

    public ModerationService(LexiconHolder holder, ModerationConfig config) {
        this.holder = holder;
        this.config = config;
    }

    public Lexicon.Result check(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("text", "must not be blank");
        }
        return holder.current().check(text, config.maxLinks());
    }
}
