package io.yunying.community;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.ErrorContractTests;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;

import java.util.List;

/** The error contract on reports, the busiest member write. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ReportErrorContractTest extends ErrorContractTests {

    @Override
    protected String collectionPath() {
        return "/api/community/reports";
    }

    @Override
    protected String table() {
        return "report";
    }

    @Override
    protected String bodyWithBadValue() {
        return "{\"postId\": \"not-a-uuid\", \"reason\": \"SPAM\"}";
    }

    @Override
    protected String badValueField() {
        return "postId";
    }

    @Override
    protected List<String> requiredFields() {
        return List.of("postId", "reason");
    }

    @Override
    protected String allowed() {
        return TestTokens.appUser("contract-member");
    }

    @Override
    protected String forbidden() {
        return TestTokens.moderator();
    }
}
