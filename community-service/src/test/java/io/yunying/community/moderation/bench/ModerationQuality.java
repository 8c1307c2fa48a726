package io.yunying.community.moderation.bench;

import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import io.yunying.community.moderation.Lexicon;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Detection per evasion form and false positives on clean posts, for both engines, on the benchmark
 * corpus. A post with a listed word counts as detected when the engine reports a hit; a clean post
 * counts as a false positive when it reports any hit.
 */
public final class ModerationQuality {

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Corpus corpus = new Corpus(entries, 70_000, 20261122L);
        Lexicon lexicon = corpus.compile();
        SensitiveWordBs peer = Peer.of(corpus.words);
        Map<Corpus.Form, int[]> counts = new EnumMap<>(Corpus.Form.class);
        for (Corpus.Post post : corpus.posts) {
            int[] c = counts.computeIfAbsent(post.form(), f -> new int[3]);
            c[0]++;
            if (!lexicon.check(post.text(), 3).hits().isEmpty()) {
                c[1]++;
            }
            List<IWordResult> found = peer.findAll(post.text(), WordResultHandlers.raw());
            if (!found.isEmpty()) {
                c[2]++;
            }
        }
        System.out.printf("entries=%d posts=%d chars=%d%n", entries, corpus.posts.size(), corpus.chars);
        System.out.printf("%-12s %7s %12s %16s%n", "form", "posts", "yunying", "sensitive-word");
        counts.forEach((form, c) -> System.out.printf("%-12s %7d %11.2f%% %15.2f%%%n", form, c[0],
                100.0 * c[1] / c[0], 100.0 * c[2] / c[0]));
        System.out.println("(CLEAN row: share of clean posts with any hit = false-positive rate; other rows: detection rate)");
    }
}
