package io.yunying.community.emerging;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The candidate phrases of a text: Chinese character n-grams (2 to 4 characters, within a run of Han
 * characters, so never across punctuation) and English words (3 letters or more). A stop-list drops function
 * words, and n-grams that begin or end with a function character (的, 了, 是...), which are never a topic.
 */
public final class Phrases {

    static final int MIN_GRAM = 2;
    static final int MAX_GRAM = 4;
    /** Bounds the rows one long post adds; a post's first phrases are as good a sample as any. */
    static final int MAX_PER_TEXT = 400;

    private static final String FUNCTION_CHARACTERS = "的了是在和与及或也就都又还吗呢吧啊呀哦嘛着过得地我你他她它们这那个一不有没很太被把让给从到对为以于上下中里";
    private static final Set<String> CHINESE_STOP = Set.of(
            "什么", "怎么", "为什么", "因为", "所以", "但是", "如果", "已经", "可以", "觉得", "自己", "大家", "时候", "现在",
            "今天", "明天", "昨天", "真的", "非常", "还是", "就是", "可能", "应该", "一下", "一起", "知道", "喜欢", "感觉",
            "出来", "起来", "东西", "事情", "问题", "朋友", "分享", "标题");
    private static final Set<String> ENGLISH_STOP = Set.of(
            "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out",
            "has", "him", "his", "how", "its", "may", "new", "now", "old", "see", "two", "way", "who", "did", "get", "got",
            "let", "say", "she", "too", "use", "this", "that", "with", "have", "from", "they", "will", "would", "there",
            "their", "what", "about", "which", "when", "make", "like", "time", "just", "know", "take", "into", "your",
            "some", "could", "them", "than", "then", "look", "only", "come", "over", "also", "back", "after", "very",
            "really", "been", "were", "here", "more", "most", "much", "such", "even", "well", "because", "these", "those",
            "http", "https", "www", "com");

    private Phrases() {
    }

    public static Set<String> of(String text) {
        Set<String> phrases = new LinkedHashSet<>();
        if (text == null) {
            return phrases;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int i = 0;
        int n = folded.length();
        while (i < n && phrases.size() < MAX_PER_TEXT) {
            int cp = folded.codePointAt(i);
            if (isHan(cp)) {
                int start = i;
                while (i < n && isHan(folded.codePointAt(i))) {
                    i += Character.charCount(folded.codePointAt(i));
                }
                addGrams(folded.substring(start, i), phrases);
            } else if (cp < 128 && Character.isLetter(cp)) {
                int start = i;
                while (i < n && folded.charAt(i) < 128 && (Character.isLetterOrDigit(folded.charAt(i)) || folded.charAt(i) == '\'')) {
                    i++;
                }
                String word = folded.substring(start, i).replace("'", "");
                if (word.length() >= 3 && word.length() <= 30 && !ENGLISH_STOP.contains(word)) {
                    phrases.add(word);
                }
            } else {
                i += Character.charCount(cp);
            }
        }
        return phrases;
    }

    private static void addGrams(String run, Set<String> phrases) {
        int[] cps = run.codePoints().toArray();
        for (int size = MIN_GRAM; size <= MAX_GRAM; size++) {
            for (int start = 0; start + size <= cps.length && phrases.size() < MAX_PER_TEXT; start++) {
                if (isFunction(cps[start]) || isFunction(cps[start + size - 1])) {
                    continue;
                }
                String gram = new String(cps, start, size);
                if (!CHINESE_STOP.contains(gram)) {
                    phrases.add(gram);
                }
            }
        }
    }

    private static boolean isFunction(int cp) {
        return FUNCTION_CHARACTERS.indexOf(cp) >= 0;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
