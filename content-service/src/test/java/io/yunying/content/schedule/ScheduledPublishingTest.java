package io.yunying.content.schedule;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import io.yunying.testsupport.TestClock;
import io.yunying.testsupport.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.yunying.content.Api.post;
import static io.yunying.content.Api.send;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class ScheduledPublishingTest {

    @Inject
    TestClock clock;

    @Inject
    ScheduleService schedule;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void run() {
        schedule.runDue().await().indefinitely();
    }

    @Test
    void anItemGoesLiveWhenTheClockReachesItsTimeAndOnlyOnce() {
        clock.set(Instant.parse("2030-01-01T00:00:00Z"));
        String id = Api.approved("定时发布");
        Api.schedule(id, Instant.parse("2030-01-01T09:00:00Z")).statusCode(200).body("state", equalTo("SCHEDULED"));

        clock.set(Instant.parse("2030-01-01T08:59:59Z"));
        run();
        assertEquals("SCHEDULED", Api.state(id));
        assertEquals(0, Sql.count("select count(*) from published_content where id = ?", UUID.fromString(id)));

        clock.set(Instant.parse("2030-01-01T09:00:00Z"));
        run();
        run();
        assertEquals("PUBLISHED", Api.state(id));
        assertEquals(1, Sql.count("select count(*) from published_content where id = ?", UUID.fromString(id)));
        assertEquals(1, Sql.count("select count(*) from outbox_event where type = 'content.published' and data->>'id' = ?", id));
        assertEquals("system:scheduler", Sql.string(
                "select actor from item_transition where item_id = ? and to_state = 'PUBLISHED'", UUID.fromString(id)));
        Api.as(TestTokens.appUser("u-1")).get("/api/content/published/{id}", id).then().statusCode(200)
                .body("title", equalTo("定时发布"));
        // push-service reads it with its service token for content cards in messages
        Api.as(TestTokens.service()).get("/api/content/published/{id}", id).then().statusCode(200)
                .body("title", equalTo("定时发布"));
    }

    @Test
    void itemsDueWhileTheServiceWasDownAllPublishOnTheNextRun() {
        clock.set(Instant.parse("2031-05-01T00:00:00Z"));
        List<String> ids = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            String id = Api.approved("停机期间到期 " + h);
            Api.schedule(id, Instant.parse("2031-05-01T0" + h + ":00:00Z")).statusCode(200);
            ids.add(id);
        }
        clock.set(Instant.parse("2031-05-03T00:00:00Z"));
        run();
        for (String id : ids) {
            assertEquals("PUBLISHED", Api.state(id));
        }
    }

    @Test
    void aRescheduledOrUnscheduledItemIsNotPublishedAtItsOldTime() {
        clock.set(Instant.parse("2032-01-01T00:00:00Z"));
        String moved = Api.approved("改期");
        String cancelled = Api.approved("取消");
        String edited = Api.approved("改稿");
        Instant oldTime = Instant.parse("2032-01-01T10:00:00Z");
        for (String id : List.of(moved, cancelled, edited)) {
            Api.schedule(id, oldTime).statusCode(200);
        }
        Api.schedule(moved, Instant.parse("2032-01-02T10:00:00Z")).statusCode(200);
        post(TestTokens.editor(), "/api/content/items/{id}/unschedule", cancelled).statusCode(200).body("state", equalTo("APPROVED"));
        Api.edit(edited, Map.of("title", "改稿后需重审")).statusCode(200).body("state", equalTo("DRAFT"));

        clock.set(oldTime.plusSeconds(60));
        run();
        assertEquals("SCHEDULED", Api.state(moved));
        assertEquals("APPROVED", Api.state(cancelled));
        assertEquals("DRAFT", Api.state(edited));

        clock.set(Instant.parse("2032-01-02T10:00:00Z"));
        run();
        assertEquals("PUBLISHED", Api.state(moved));
    }

    @Test
    void twoConcurrentRunsPublishEachItemExactlyOnce() {
        clock.set(Instant.parse("2033-01-01T00:00:00Z"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = Api.approved("并发 " + i);
            Api.schedule(id, Instant.parse("2033-01-01T01:00:00Z")).statusCode(200);
            ids.add(id);
        }
        clock.set(Instant.parse("2033-01-01T01:00:00Z"));

        List<ScheduleService.RunResult> results = Uni.join().all(schedule.runDue(), schedule.runDue(), schedule.runDue())
                .andFailFast().await().indefinitely();

        assertEquals(30, results.stream().mapToInt(ScheduleService.RunResult::published).sum());
        for (String id : ids) {
            assertEquals("PUBLISHED", Api.state(id));
            assertEquals(1, Sql.count("select count(*) from outbox_event where type = 'content.published' and data->>'id' = ?", id));
            assertEquals(1, Sql.count("select count(*) from item_transition where item_id = ? and to_state = 'PUBLISHED'",
                    UUID.fromString(id)));
        }
    }

    @Test
    void anUnpublishTimeTakesTheItemOffTheApps() {
        clock.set(Instant.parse("2034-01-01T00:00:00Z"));
        String id = Api.approved("限时活动");
        send(TestTokens.editor(), Map.of("publishAt", "2034-01-01T08:00:00Z", "unpublishAt", "2034-01-02T08:00:00Z"),
                "/api/content/items/{id}/schedule", id).statusCode(200);
        clock.set(Instant.parse("2034-01-01T08:00:00Z"));
        run();
        assertEquals("PUBLISHED", Api.state(id));
        clock.set(Instant.parse("2034-01-02T08:00:00Z"));
        run();
        assertEquals("UNPUBLISHED", Api.state(id));
        assertEquals(0, Sql.count("select count(*) from published_content where id = ?", UUID.fromString(id)));
        assertEquals(1, Sql.count("select count(*) from outbox_event where type = 'content.unpublished' and data->>'id' = ?", id));
        Api.as(TestTokens.appUser("u-1")).get("/api/content/published/{id}", id).then().statusCode(404);
    }

    @Test
    void aPublishTimeMustBeInTheFuture() {
        clock.set(Instant.parse("2035-01-01T00:00:00Z"));
        String id = Api.approved("过去的时间");
        Api.schedule(id, Instant.parse("2034-12-31T00:00:00Z")).statusCode(400).body("errors[0].field", equalTo("publishAt"));
        assertEquals("APPROVED", Api.state(id));
    }
}
