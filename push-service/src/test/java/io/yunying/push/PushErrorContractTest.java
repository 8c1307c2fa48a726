package io.yunying.push;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.ErrorContractTests;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;

import java.util.List;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PushErrorContractTest extends ErrorContractTests {

    @Override
    protected String collectionPath() {
        return "/api/push/contacts";
    }

    @Override
    protected String table() {
        return "contact";
    }

    @Override
    protected String bodyWithBadValue() {
        return "{\"externalId\": \"u-1\", \"platform\": \"SYMBIAN\"}";
    }

    @Override
    protected String badValueField() {
        return "platform";
    }

    @Override
    protected List<String> requiredFields() {
        return List.of("externalId", "platform");
    }

    @Override
    protected String allowed() {
        return TestTokens.operator();
    }

    @Override
    protected String forbidden() {
        return TestTokens.moderator();
    }
}
