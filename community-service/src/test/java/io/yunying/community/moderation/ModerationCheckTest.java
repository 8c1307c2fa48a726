package io.yunying.community.moderation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.yunying.community.moderation.Lexicons.check;
import static io.yunying.community.moderation.Lexicons.ensure;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ModerationCheckTest {

    private static boolean listed;

    @BeforeEach
    void lexicon() {
        if (listed) {
            return;
        }
        listed = true;
        ensure("WORD", "傻逼", "ABUSE", "BLOCK");
        ensure("WORD", "fuck", "ABUSE", "BLOCK");
        ensure("WORD", "shit", "ABUSE", "BLOCK");
        ensure("WORD", "sb", "ABUSE", "BLOCK");
        ensure("WORD", "ass", "ABUSE", "FLAG");
        ensure("WORD", "色情网站", "PORN", "REVIEW");
        ensure("WORD", "妈的", "ABUSE", "MASK");
        ensure("WORD", "代购", "ADS", "FLAG");
        ensure("WORD", "性交", "PORN", "REVIEW");
        ensure("ALLOW", "个性交友", "CUSTOM", null);
        ensure("ALLOW", "shitake", "CUSTOM", null);
        ensure("REGEX", "1[3-9]\\d{9}", "ADS", "REVIEW");
    }

    /** Each evasion form of a BLOCK word, with the hit's range in the original text. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain                 | 你是傻逼吗            | 2 | 4  | 傻逼",
            "noise star            | 你是傻*逼吗           | 2 | 5  | 傻*逼",
            "spaces                | 你是傻  逼吗          | 2 | 6  | 傻  逼",
            "zero width            | 你是傻\u200B逼吗      | 2 | 5  | 傻\u200B逼",
            "repeated characters   | 你是傻傻逼逼吗        | 2 | 6  | 傻傻逼逼",
            "full width            | 'ＦＵＣＫ you'       | 0 | 4  | ＦＵＣＫ",
            "upper and mixed case  | oh FuCk               | 3 | 7  | FuCk",
            "dotted letters        | 'you s.b'             | 4 | 7  | s.b",
            "digit look-alike      | 你就是个5B            | 4 | 6  | 5B",
            "leet                  | sh1t happens          | 0 | 4  | sh1t",
            "accents               | fück off              | 0 | 4  | fück",
            "repeated letters      | fuuuuuck              | 0 | 8  | fuuuuuck",
    })
    void everyEvasionFormIsCaughtAtItsPlaceInTheOriginal(String form, String text, int start, int end, String excerpt) {
        check(text).body("decision", equalTo("BLOCK"))
                .body("hits", hasSize(1))
                .body("hits[0].start", equalTo(start))
                .body("hits[0].end", equalTo(end))
                .body("hits[0].text", equalTo(excerpt))
                .body("hits[0].category", equalTo("ABUSE"))
                .body("hits[0].action", equalTo("BLOCK"));
    }

    @Test
    void traditionalCharactersMatchTheSimplifiedEntry() {
        check("推荐一个色情網站给你").body("decision", equalTo("REVIEW"))
                .body("hits[0].word", equalTo("色情网站")).body("hits[0].start", equalTo(4)).body("hits[0].end", equalTo(8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "husband", "as soon as possible", "a classic pass", "今天天气很好",
    })
    void innocentTextPasses(String text) {
        check(text).body("decision", equalTo("PASS")).body("flagged", equalTo(false)).body("hits", empty())
                .body("maskedText", equalTo(text));
    }

    @Test
    void aDoubledLetterInTheEntryNeedsTheDoubleInTheText() {
        check("what an a$$").body("decision", equalTo("PASS")).body("flagged", equalTo(true))
                .body("hits[0].word", equalTo("ass")).body("hits[0].start", equalTo(8)).body("hits[0].end", equalTo(11));
        check("as it was").body("flagged", equalTo(false));
    }

    @Test
    void maskReplacesExactlyTheOriginalRange() {
        check("他妈的真烦").body("decision", equalTo("PASS")).body("maskedText", equalTo("他**真烦"))
                .body("hits[0].action", equalTo("MASK")).body("hits[0].start", equalTo(1)).body("hits[0].end", equalTo(3));
        check("他妈 .的真烦，ok").body("maskedText", equalTo("他****真烦，ok"));
    }

    @Test
    void flagPublishesButMarksForReview() {
        check("海外代购，私聊").body("decision", equalTo("PASS")).body("flagged", equalTo(true))
                .body("hits[0].action", equalTo("FLAG")).body("hits[0].category", equalTo("ADS"));
    }

    @Test
    void reviewHoldsForAHuman() {
        check("讨论性交话题").body("decision", equalTo("REVIEW")).body("hits[0].action", equalTo("REVIEW"));
    }

    @Test
    void anAllowListPhraseOverridesTheWordInsideIt() {
        check("欢迎来个性交友群").body("decision", equalTo("PASS")).body("hits", empty());
        check("shitake mushrooms").body("decision", equalTo("PASS"));
        check("shit, no shitake").body("decision", equalTo("BLOCK")).body("hits", hasSize(1)).body("hits[0].end", equalTo(4));
        check("个性交友？性交易！").body("decision", equalTo("REVIEW")).body("hits", hasSize(1))
                .body("hits[0].start", equalTo(5)).body("hits[0].end", equalTo(7));
    }

    @Test
    void theStrongestActionDecidesAndEveryRuleIsListed() {
        check("代购傻逼，他妈的").body("decision", equalTo("BLOCK")).body("flagged", equalTo(true))
                .body("hits", hasSize(3)).body("ruleIds", hasSize(3)).body("maskedText", equalTo("代购傻逼，他**"));
    }

    @Test
    void regexRulesMatchPhoneNumbersEvenInFullWidth() {
        check("加我13812345678有货").body("decision", equalTo("REVIEW"))
                .body("hits[0].category", equalTo("ADS")).body("hits[0].start", equalTo(2)).body("hits[0].end", equalTo(13));
        check("加我１３８１２３４５６７８").body("decision", equalTo("REVIEW")).body("hits[0].text", equalTo("１３８１２３４５６７８"));
    }

    @Test
    void manyLinksLookLikeSpam() {
        check("看 http://a.example http://b.example www.c.example https://d.example").body("decision", equalTo("REVIEW"))
                .body("ruleIds", contains("spam:links")).body("hits[0].category", equalTo("SPAM"));
        check("看 http://a.example 就好").body("decision", equalTo("PASS"));
    }

    @Test
    void emptyTextIsRefused() {
        for (String body : new String[]{"{\"text\": \"\"}", "{\"text\": \"   \"}", "{}"}) {
            given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(body)
                    .when().post("/api/community/moderation/check")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("text"));
        }
    }

    @Test
    void aTextOverOneMegabyteIsRefusedWith413() {
        String big = "好".repeat(400_000);
        given().header("Authorization", TestTokens.service()).contentType(ContentType.JSON).body(Map.of("text", big))
                .when().post("/api/community/moderation/check")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void onlyServicesAndModeratorsMayCheck() {
        String body = "{\"text\": \"你好\"}";
        for (String allowed : new String[]{TestTokens.service(), TestTokens.moderator(), TestTokens.admin()}) {
            given().header("Authorization", allowed).contentType(ContentType.JSON).body(body)
                    .when().post("/api/community/moderation/check").then().statusCode(200);
        }
        for (String denied : new String[]{TestTokens.appUser("u1"), TestTokens.editor(), TestTokens.operator()}) {
            given().header("Authorization", denied).contentType(ContentType.JSON).body(body)
                    .when().post("/api/community/moderation/check").then().statusCode(403).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body(body).when().post("/api/community/moderation/check").then().statusCode(401);
    }
}
