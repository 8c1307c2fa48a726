package io.yunying.content.item;

/** Who produced a piece: the team (PGC, professionally generated) or an app user (UGC). */
public enum ContentSource {
    PGC, UGC
}
