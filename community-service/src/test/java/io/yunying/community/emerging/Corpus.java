package io.yunying.community.emerging;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A deterministic corpus of everyday posts: sentences of words drawn from a fixed vocabulary, with optional planted phrases. */
final class Corpus {

    /** Characters of the filler vocabulary; none of them is in a planted phrase. */
    private static final String CHARACTERS = "春夏秋冬山水风雨花草树木日月星云江河湖海城市街道公园学校医院商店电影音乐咖啡早餐午饭晚饭周末假期"
            + "朋友同事家人孩子老师学生工作学习运动跑步游泳篮球手机电脑相机照片画面颜色味道心情天气温度空气";

    private final Random random;
    private final List<String> vocabulary = new ArrayList<>();

    Corpus(long seed) {
        random = new Random(seed);
        while (vocabulary.size() < 120) {
            String word = "" + CHARACTERS.charAt(random.nextInt(CHARACTERS.length())) + CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
            if (!vocabulary.contains(word)) {
                vocabulary.add(word);
            }
        }
    }

    /** A post of a few clauses of filler words, with each planted phrase somewhere in it. */
    String post(String... planted) {
        StringBuilder text = new StringBuilder();
        int clauses = 3 + random.nextInt(3);
        int plantAt = random.nextInt(clauses);
        for (int c = 0; c < clauses; c++) {
            int words = 3 + random.nextInt(4);
            for (int w = 0; w < words; w++) {
                text.append(vocabulary.get(random.nextInt(vocabulary.size())));
                if (c == plantAt && w == 1) {
                    for (String phrase : planted) {
                        text.append(phrase.matches("[a-z]+") ? " " + phrase + " " : phrase);
                    }
                }
            }
            text.append(c == clauses - 1 ? "。" : "，");
        }
        return text.toString();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
