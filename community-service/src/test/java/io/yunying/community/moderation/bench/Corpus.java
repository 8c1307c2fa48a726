package io.yunying.community.moderation.bench;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import io.yunying.community.moderation.Action;
import io.yunying.community.moderation.Category;
import io.yunying.community.moderation.EntryKind;
import io.yunying.community.moderation.Lexicon;
import io.yunying.community.moderation.LexiconRules;
import io.yunying.community.moderation.Normaliser;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic benchmark corpus: mixed Chinese/English posts of about 150 characters, a share of
 * them carrying one listed word, plain or in one evasion form, and a lexicon of the requested size.
 * Same seed, same corpus, on every machine.
 */
public final class Corpus {

    public enum Form { CLEAN, PLAIN, NOISE, ZERO_WIDTH, REPEAT, FULL_WIDTH, CASE, TRADITIONAL, LOOKALIKE }

    /** A post; {@code word} is the listed word it carries (null when clean). */
    public record Post(String text, Form form, String word) {
    }

    private static final String[] ENGLISH = ("the and movie good great today weekend coffee city walk travel photo love "
            + "music game team match goal run book read food dinner friend happy really nice look share post new old "
            + "time day night week plan trip hotel beach mountain river sky star light rain snow park street shop").split(" ");
    private static final String NOISE = "*. -~/_";
    private static final String[] ZERO_WIDTH = {"\u200B", "\u200C", "\u200D", "\uFEFF"};
    private static final String PUNCTUATION = "，。！？、；：";

    public final List<String> words;
    public final List<Post> posts;
    public final long chars;

    private final char[] pool;
    private final Random random;

    public Corpus(int lexiconSize, int postCount, long seed) {
        random = new Random(seed);
        pool = commonChinese();
        words = lexicon(lexiconSize);
        posts = new ArrayList<>(postCount);
        long total = 0;
        List<String> chinese = words.stream().filter(w -> !isLatin(w)).toList();
        List<String> latin = words.stream().filter(Corpus::isLatin).toList();
        List<String> traditional = chinese.stream().filter(w -> !ZhConverterUtil.toTraditional(w).equals(w)).toList();
        List<String> lookalike = latin.stream().filter(w -> w.chars().anyMatch(c -> "oeastb".indexOf(c) >= 0)).toList();
        Form[] forms = Form.values();
        for (int i = 0; i < postCount; i++) {
            // Half the posts are clean; the other half spread evenly over the evasion forms.
            Form form = i % 2 == 0 ? Form.CLEAN : forms[1 + (i / 2) % (forms.length - 1)];
            String word = switch (form) {
                case CLEAN -> null;
                case FULL_WIDTH, CASE -> pick(latin);
                case TRADITIONAL -> pick(traditional);
                case LOOKALIKE -> pick(lookalike);
                default -> pick(random.nextBoolean() ? chinese : latin);
            };
            String text = post(word == null ? null : disguise(word, form));
            while (form == Form.CLEAN && containsListedWord(text)) {
                // A random post can spell a listed word by chance; it is then not clean, so draw another.
                text = post(null);
            }
            posts.add(new Post(text, form, word));
            total += text.length();
        }
        chars = total;
    }

    /** Matching rules for the whole word list, as the service would compile them. */
    public Lexicon compile() {
        List<Lexicon.Rule> rules = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            rules.add(LexiconRules.rule("w" + i, EntryKind.WORD, words.get(i), Category.CUSTOM, Action.BLOCK, 5));
        }
        return Lexicon.compile(1, rules);
    }

    private Set<String> listed;

    private boolean containsListedWord(String text) {
        if (listed == null) {
            listed = new HashSet<>(words);
        }
        for (int i = 0; i < text.length(); i++) {
            for (int j = i + 2; j <= Math.min(text.length(), i + 8); j++) {
                if (listed.contains(text.substring(i, j))) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> lexicon(int size) {
        List<String> list = new ArrayList<>(size);
        Set<String> keys = new HashSet<>();
        while (list.size() < size) {
            String word;
            if (random.nextInt(5) == 0) {
                StringBuilder b = new StringBuilder();
                int length = 5 + random.nextInt(4);
                for (int i = 0; i < length; i++) {
                    b.append((char) ('a' + random.nextInt(26)));
                }
                word = b.toString();
            } else {
                int roll = random.nextInt(100);
                int length = roll < 40 ? 2 : roll < 75 ? 3 : 4;
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    b.append(pool[random.nextInt(pool.length)]);
                }
                word = b.toString();
            }
            Normaliser.Normalised n = Normaliser.normalise(word);
            if (n.length() >= 2 && keys.add(n.key())) {
                list.add(word);
            }
        }
        return list;
    }

    private String post(String payload) {
        StringBuilder b = new StringBuilder(170);
        int target = 140 + random.nextInt(21);
        int insertAt = payload == null ? -1 : random.nextInt(target - 20);
        while (b.length() < target) {
            if (insertAt >= 0 && b.length() >= insertAt) {
                b.append(payload);
                insertAt = -1;
                continue;
            }
            int roll = random.nextInt(100);
            if (roll < 8) {
                b.append(' ').append(ENGLISH[random.nextInt(ENGLISH.length)]).append(' ');
            } else if (roll < 14) {
                b.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
            } else if (roll < 16) {
                b.append(random.nextInt(100));
            } else {
                b.append(pool[random.nextInt(pool.length)]);
            }
        }
        return b.toString();
    }

    private String disguise(String word, Form form) {
        StringBuilder b = new StringBuilder();
        switch (form) {
            case NOISE -> {
                for (int i = 0; i < word.length(); i++) {
                    if (i > 0) {
                        b.append(NOISE.charAt(random.nextInt(NOISE.length())));
                    }
                    b.append(word.charAt(i));
                }
            }
            case ZERO_WIDTH -> {
                for (int i = 0; i < word.length(); i++) {
                    if (i > 0) {
                        b.append(ZERO_WIDTH[random.nextInt(ZERO_WIDTH.length)]);
                    }
                    b.append(word.charAt(i));
                }
            }
            case REPEAT -> {
                for (int i = 0; i < word.length(); i++) {
                    int times = 1 + random.nextInt(3);
                    for (int t = 0; t < times; t++) {
                        b.append(word.charAt(i));
                    }
                }
            }
            case FULL_WIDTH -> word.chars().forEach(c -> b.append((char) (c + 0xFEE0)));
            case CASE -> word.chars().forEach(c -> b.append(random.nextBoolean() ? Character.toUpperCase((char) c) : (char) c));
            case TRADITIONAL -> b.append(ZhConverterUtil.toTraditional(word));
            case LOOKALIKE -> word.chars().forEach(c -> b.append(switch (c) {
                case 'o' -> '0';
                case 'e' -> '3';
                case 'a' -> '4';
                case 's' -> '5';
                case 't' -> '7';
                case 'b' -> '8';
                default -> (char) c;
            }));
            default -> b.append(word);
        }
        // Latin words stand apart from neighbouring letters, as they would in a real post.
        return isLatin(word) ? " " + b + " " : b.toString();
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    static boolean isLatin(String word) {
        return word.chars().allMatch(c -> c < 0x80);
    }

    /** The 3,755 level-1 characters of GB2312: the everyday simplified Chinese repertoire. */
    private static char[] commonChinese() {
        CharsetEncoder gb = Charset.forName("GB2312").newEncoder();
        StringBuilder b = new StringBuilder();
        for (char c = 0x4E00; c <= 0x9FA5; c++) {
            if (gb.canEncode(c)) {
                byte[] bytes = String.valueOf(c).getBytes(gb.charset());
                if ((bytes[0] & 0xFF) >= 0xB0 && (bytes[0] & 0xFF) <= 0xD7) {
                    b.append(c);
                }
            }
        }
        return b.toString().toCharArray();
    }
}
