package io.yunying.community.moderation.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;

import java.util.List;

/** com.github.houbb:sensitive-word with its default evasion handling, loaded with the same word list. */
final class Peer {

    private Peer() {
    }

    static SensitiveWordBs of(List<String> words) {
        return SensitiveWordBs.newInstance()
                .wordDeny(() -> words)
                .wordAllow(List::of)
                .init();
    }
}
