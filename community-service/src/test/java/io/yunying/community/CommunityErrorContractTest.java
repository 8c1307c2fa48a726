package io.yunying.community;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.ErrorContractTests;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;

import java.util.List;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CommunityErrorContractTest extends ErrorContractTests {

    @Override
    protected String collectionPath() {
        return "/api/community/boards";
    }

    @Override
    protected String table() {
        return "board";
    }

    @Override
    protected String bodyWithBadValue() {
        return "{\"slug\": [1, 2], \"name\": \"x\"}";
    }

    @Override
    protected String badValueField() {
        return "slug";
    }

    @Override
    protected List<String> requiredFields() {
        return List.of("slug", "name");
    }

    @Override
    protected String allowed() {
        return TestTokens.moderator();
    }

    @Override
    protected String forbidden() {
        return TestTokens.editor();
    }
}
