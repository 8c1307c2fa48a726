package io.yunying.community.moderation;

import io.yunying.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regex rules cannot hold a thread: refused at save time when they backtrack, and bounded at check time. */
class RegexSafetyTest {

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+$", "^(a+)+$", "(\\d+)*x", "^(\\w+\\s?)+$", "q(a+)+$", "(x+x+)+y", "\\w+@\\w+\\.com",
            "加.*微信"})
    void catastrophicPatternsAreRefusedAtSaveTime(String pattern) {
        ProblemException refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ProblemException.class, () -> LexiconRules.validate(EntryKind.REGEX, pattern)));
        assertEquals(400, refused.status());
        assertEquals("pattern", refused.errors().get(0).field());
        assertTrue(refused.getMessage().contains("backtracks"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1[3-9]\\d{9}", "(wx|vx|weixin|微信)[:：]?\\s*[a-z][a-z0-9_-]{5,19}", "qq[:：]?\\s*[1-9]\\d{4,10}",
            "https?://(www\\.)?(spam|scam)\\.example", "\\w{1,64}@\\w{1,64}\\.com", "加.{0,10}微信", "(?<!\\d)1[3-9]\\d{9}(?!\\d)",
            "(?:微信|vx|wx|v信)[:：\\s]*[a-z][-_a-z0-9]{5,19}"})
    void ordinaryPatternsAreAccepted(String pattern) {
        assertEquals(pattern, LexiconRules.validate(EntryKind.REGEX, pattern));
    }

    @Test
    void aPatternTheProbeMissesIsStoppedByTheCheckBudgetAndSentToReview() {
        // A three-letter prefix is more than the save-time probe tries, so this rule gets past it.
        String evil = "xyz(a+)+$";
        assertEquals(evil, LexiconRules.validate(EntryKind.REGEX, evil));
        Lexicon lexicon = Lexicon.compile(1, List.of(
                LexiconRules.rule("evil", EntryKind.REGEX, evil, Category.ADS, Action.BLOCK, 5),
                LexiconRules.rule("phone", EntryKind.REGEX, "1[3-9]\\d{9}", Category.ADS, Action.REVIEW, 3)));
        String text = "联系 13812345678 xyz" + "a".repeat(5000) + "!";

        Lexicon.Result result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> lexicon.check(text, 3));

        assertEquals(Decision.REVIEW, result.decision(), "an exhausted rule holds the text for a human, it neither blocks nor passes");
        assertTrue(result.hits().stream().anyMatch(h -> h.ruleId().equals("evil") && h.action() == Action.REVIEW
                && h.word().contains("step budget")), result.hits().toString());
        assertTrue(result.hits().stream().anyMatch(h -> h.ruleId().equals("phone") && h.text().equals("13812345678")),
                "the other rules still run");
        assertEquals(Decision.BLOCK, lexicon.check("xyzaaa", 3).decision(), "on ordinary text the rule still works");
    }

    @Test
    void theBudgetCountsEveryRead() {
        BoundedText text = new BoundedText("abc", 2);
        text.charAt(0);
        text.subSequence(1, 3).charAt(0);
        assertThrows(BoundedText.Exhausted.class, () -> text.charAt(2));
    }
}
