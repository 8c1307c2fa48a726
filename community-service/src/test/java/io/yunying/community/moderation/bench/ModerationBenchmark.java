package io.yunying.community.moderation.bench;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import io.yunying.community.moderation.Lexicon;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Single-thread throughput of the full check (normalisation + matching) against sensitive-word, on the
 * same corpus and word list. One operation checks one post (with the service's default link heuristic, so it is the full check); chars/s = ops/s × the corpus' mean post
 * length, which the setup prints.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ModerationBenchmark {

    @Param({"5000", "50000"})
    public int entries;

    private Corpus.Post[] posts;
    private Lexicon lexicon;
    private SensitiveWordBs peer;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Corpus corpus = new Corpus(entries, 70_000, 20261122L);
        posts = corpus.posts.toArray(Corpus.Post[]::new);
        lexicon = corpus.compile();
        peer = Peer.of(corpus.words);
        System.out.printf("%ncorpus: %d posts, %d chars (%.1f per post), %d entries%n", posts.length, corpus.chars,
                (double) corpus.chars / posts.length, entries);
    }

    private String nextPost() {
        String text = posts[next].text();
        next = next + 1 == posts.length ? 0 : next + 1;
        return text;
    }

    @Benchmark
    public void yunying(Blackhole bh) {
        bh.consume(lexicon.check(nextPost(), 3));
    }

    @Benchmark
    public void sensitiveWord(Blackhole bh) {
        bh.consume(peer.findAll(nextPost()));
    }
}
