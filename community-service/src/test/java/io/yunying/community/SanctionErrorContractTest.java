package io.yunying.community;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.ErrorContractTests;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;

import java.util.List;

/** The error contract on sanctions. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SanctionErrorContractTest extends ErrorContractTests {

    @Override
    protected String collectionPath() {
        return "/api/community/sanctions";
    }

    @Override
    protected String table() {
        return "sanction";
    }

    @Override
    protected String bodyWithBadValue() {
        return "{\"userId\": \"u\", \"type\": \"MUTE\", \"reason\": \"r\", \"durationHours\": \"long\"}";
    }

    @Override
    protected String badValueField() {
        return "durationHours";
    }

    @Override
    protected List<String> requiredFields() {
        return List.of("userId", "type", "reason");
    }

    @Override
    protected String allowed() {
        return TestTokens.moderator();
    }

    @Override
    protected String forbidden() {
        return TestTokens.appUser("contract-member");
    }
}
