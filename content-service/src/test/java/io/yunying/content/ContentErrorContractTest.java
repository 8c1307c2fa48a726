package io.yunying.content;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.ErrorContractTests;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;

import java.util.List;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class ContentErrorContractTest extends ErrorContractTests {

    @Override
    protected String collectionPath() {
        return "/api/content/items";
    }

    @Override
    protected String table() {
        return "content_item";
    }

    @Override
    protected String bodyWithBadValue() {
        return """
                {"type": "HOLOGRAM", "source": "PGC", "title": "t", "slug": "enum-check", "author": "a"}
                """;
    }

    @Override
    protected String badValueField() {
        return "type";
    }

    @Override
    protected List<String> requiredFields() {
        return List.of("type", "source", "title", "slug", "author");
    }

    @Override
    protected String allowed() {
        return TestTokens.editor();
    }

    @Override
    protected String forbidden() {
        return TestTokens.appUser("u-1");
    }
}
