package io.yunying.community.post;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Topic tags in a post: Weibo-style {@code #话题#} and Twitter-style {@code #hashtag}. */
public final class Hashtags {

    /** Paired form first, so "#话题#" is one tag and not the start of another. */
    private static final Pattern TAG = Pattern.compile("[#＃]([^#＃\\s]{1,40})[#＃]|[#＃]([\\p{L}\\p{N}_]{1,40})");
    static final int MAX_PER_POST = 10;

    private Hashtags() {
    }

    public static List<String> extract(String text) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = TAG.matcher(text);
        while (m.find() && tags.size() < MAX_PER_POST) {
            String raw = m.group(1) != null ? m.group(1) : m.group(2);
            String tag = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        return new ArrayList<>(tags);
    }
}
