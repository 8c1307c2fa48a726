package io.yunying.community.moderation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static io.yunying.community.moderation.Lexicons.check;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LexiconResourceTest {

    @Inject
    ModerationService moderation;

    @Inject
    LexiconHolder holder;

    private static io.restassured.response.ValidatableResponse add(String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .when().post("/api/community/moderation/lexicon").then();
    }

    @Test
    void anEntryIsLiveWhenTheAnswerArrivesAndGoneWhenRemoved() {
        check("买点草泥马").body("decision", equalTo("PASS"));
        String id = add(TestTokens.moderator(), "{\"pattern\": \"草泥马\", \"category\": \"ABUSE\", \"action\": \"BLOCK\"}")
                .statusCode(201).body("normalisedKey", equalTo("草泥马")).body("createdBy", equalTo("moderator-test"))
                .extract().path("id");
        check("买点草泥马").body("decision", equalTo("BLOCK")).body("ruleIds", hasItem(id));
        assertEquals(1, Sql.count("select count(*) from moderation_log where action = 'lexicon.add' and subject_id = ?", id));

        given().header("Authorization", TestTokens.admin()).when().delete("/api/community/moderation/lexicon/" + id)
                .then().statusCode(204);
        check("买点草泥马").body("decision", equalTo("PASS"));
        assertEquals(0, Sql.count("select count(*) from lexicon_entry where id = ?::uuid", id));
        given().header("Authorization", TestTokens.admin()).when().delete("/api/community/moderation/lexicon/" + id)
                .then().statusCode(404);
    }

    @Test
    void twoSpellingsOfOneWordAreOneEntry() {
        add(TestTokens.moderator(), "{\"pattern\": \"duplicateword\", \"category\": \"CUSTOM\", \"action\": \"FLAG\"}").statusCode(201);
        add(TestTokens.moderator(), "{\"pattern\": \"ＤＵＰＬＩＣＡＴＥ word\", \"category\": \"CUSTOM\", \"action\": \"BLOCK\"}")
                .statusCode(409).contentType("application/problem+json").body("type", equalTo("urn:yunying:problem:lexicon-duplicate"));
    }

    @Test
    void entriesThatNormaliseToOneCharacterAreRefused() {
        for (String pattern : new String[]{"傻", "哈哈", "ＡＡ", "a.a", "草 * 草"}) {
            add(TestTokens.moderator(), "{\"pattern\": \"" + pattern + "\", \"category\": \"ABUSE\", \"action\": \"BLOCK\"}")
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("pattern"))
                    .body("normalised", notNullValue());
        }
        add(TestTokens.moderator(), "{\"pattern\": \"***\", \"category\": \"ABUSE\", \"action\": \"BLOCK\"}").statusCode(400);
        assertEquals(0, Sql.count("select count(*) from lexicon_entry where pattern in ('傻', '哈哈', 'ＡＡ', 'a.a', '***')"));
    }

    @Test
    void anInvalidRegexIsRefused() {
        add(TestTokens.moderator(), "{\"kind\": \"REGEX\", \"pattern\": \"([a-z\", \"category\": \"ADS\", \"action\": \"REVIEW\"}")
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("pattern"));
        add(TestTokens.moderator(), "{\"kind\": \"REGEX\", \"pattern\": \"x*\", \"category\": \"ADS\", \"action\": \"REVIEW\"}")
                .statusCode(400);
        long before = Sql.count("select count(*) from lexicon_entry");
        add(TestTokens.moderator(), "{\"kind\": \"REGEX\", \"pattern\": \"(a+)+$\", \"category\": \"ADS\", \"action\": \"REVIEW\"}")
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("pattern"))
                .body("detail", org.hamcrest.Matchers.containsString("backtracks"));
        assertEquals(before, Sql.count("select count(*) from lexicon_entry"));
        add(TestTokens.moderator(), "{\"pattern\": \"无动作词\", \"category\": \"ADS\"}")
                .statusCode(400).body("errors.field", hasItem("action"));
        add(TestTokens.moderator(), "{\"pattern\": \"坏分类\", \"category\": \"NOPE\", \"action\": \"BLOCK\"}").statusCode(400);
    }

    @Test
    void aBatchIsAllOrNothing() {
        long before = Sql.count("select count(*) from lexicon_entry");
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON)
                .body("{\"entries\": [{\"pattern\": \"批量一号\", \"category\": \"ADS\", \"action\": \"BLOCK\"},"
                        + "{\"pattern\": \"批\", \"category\": \"ADS\", \"action\": \"BLOCK\"}]}")
                .when().post("/api/community/moderation/lexicon/batch")
                .then().statusCode(400).body("errors.field", hasItem("entries[1].pattern"));
        assertEquals(before, Sql.count("select count(*) from lexicon_entry"));
    }

    @Test
    void listsArePagedByCursor() {
        for (int i = 0; i < 3; i++) {
            add(TestTokens.moderator(), "{\"pattern\": \"翻页词" + (char) ('甲' + i) + "\", \"category\": \"SPAM\", \"action\": \"FLAG\"}");
        }
        String next = given().header("Authorization", TestTokens.moderator())
                .when().get("/api/community/moderation/lexicon?category=SPAM&limit=2")
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().header("Authorization", TestTokens.moderator())
                .when().get("/api/community/moderation/lexicon?category=SPAM&limit=2&cursor=" + next)
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/moderation/lexicon?limit=0").then().statusCode(400);
        given().header("Authorization", TestTokens.moderator()).when().get("/api/community/moderation/lexicon?cursor=@@").then().statusCode(400);
    }

    @Test
    void onlyModeratorsAndAdminsManageTheLexicon() {
        String body = "{\"pattern\": \"角色测试词\", \"category\": \"CUSTOM\", \"action\": \"FLAG\"}";
        for (String denied : new String[]{TestTokens.service(), TestTokens.appUser("u1"), TestTokens.editor(), TestTokens.reviewer()}) {
            add(denied, body).statusCode(403);
            given().header("Authorization", denied).when().get("/api/community/moderation/lexicon").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(body).when().post("/api/community/moderation/lexicon").then().statusCode(401);
        add(TestTokens.admin(), body).statusCode(201);
    }

    /**
     * A batch of two words goes live while checks run flat out: every check sees both words or neither,
     * never one (a half-installed lexicon), and the first check after the answer sees both.
     */
    @Test
    void aBatchGoesLiveAtomicallyUnderConcurrentChecks() throws Exception {
        String text = "前缀原子词甲中间原子词乙后缀";
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentHashMap<Integer, Integer> seen = new ConcurrentHashMap<>();
        CountDownLatch running = new CountDownLatch(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            workers.add(pool.submit(() -> {
                running.countDown();
                while (!stop.get()) {
                    seen.merge(moderation.check(text).hits().size(), 1, Integer::sum);
                }
            }));
        }
        running.await();
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON)
                .body("{\"entries\": [{\"pattern\": \"原子词甲\", \"category\": \"ADS\", \"action\": \"BLOCK\"},"
                        + "{\"pattern\": \"原子词乙\", \"category\": \"ADS\", \"action\": \"BLOCK\"}]}")
                .when().post("/api/community/moderation/lexicon/batch").then().statusCode(201).body("entries", hasSize(2));
        assertEquals(2, moderation.check(text).hits().size());
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(seen.keySet().stream().allMatch(n -> n == 0 || n == 2), "checks saw " + seen);
        assertTrue(seen.containsKey(0) || seen.containsKey(2));
    }

    /** Another replica's change reaches this one through the version row, which the poll job reads. */
    @Test
    void aChangeMadeElsewhereIsPickedUpByThePoll() {
        check("别的副本加的词").body("decision", equalTo("PASS"));
        Sql.count("with i as (insert into lexicon_entry (id, kind, pattern, normalised_key, category, action, severity, created_by, created_at)"
                + " values (gen_random_uuid(), 'WORD', '副本加的', '副本加的', 'CUSTOM', 'REVIEW', 5, 'other-replica', now()) returning 1)"
                + " select count(*) from i");
        long version = Sql.count("with u as (update lexicon_version set version = version + 1 returning version) select version from u");
        holder.poll().await().indefinitely();
        assertEquals(version, holder.current().version());
        check("别的副本加的词").body("decision", equalTo("REVIEW")).body("lexiconVersion", equalTo((int) version));
    }

    /** A large import is one transaction and one version bump, and every entry is logged. */
    @Test
    void aLargeBatchImportsInOneGo() {
        String syllables = "天地人和山水日月星风云雨花草木石金土火光明清白红黄蓝青春夏秋冬东西南北上下左右大小多少高低长短新老好美甜酸苦辣江河湖海森";
        StringBuilder body = new StringBuilder("{\"entries\": [");
        for (int i = 0; i < 3000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"pattern\": \"导入词").append(syllables.charAt(i / 60)).append(syllables.charAt(i % 60))
                    .append("\", \"category\": \"ADS\", \"action\": \"FLAG\"}");
        }
        body.append("]}");
        long version = holder.current().version();
        given().header("Authorization", TestTokens.moderator()).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/community/moderation/lexicon/batch").then().statusCode(201).body("entries", hasSize(3000));
        assertEquals(version + 1, holder.current().version());
        assertEquals(3000, Sql.count("select count(*) from lexicon_entry where pattern like '导入词%'"));
        assertEquals(3000, Sql.count("select count(*) from moderation_log where action = 'lexicon.add' and reason like 'WORD 导入词%'"));
        check("这里有导入词天地吗").body("decision", equalTo("PASS")).body("flagged", equalTo(true));
    }
}
