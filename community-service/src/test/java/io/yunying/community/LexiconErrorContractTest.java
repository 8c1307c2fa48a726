package io.yunying.community;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.testsupport.ErrorContractTests;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.TestTokens;

import java.util.List;

/** The error contract on the lexicon. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LexiconErrorContractTest extends ErrorContractTests {

    @Override
    protected String collectionPath() {
        return "/api/community/moderation/lexicon";
    }

    @Override
    protected String table() {
        return "lexicon_entry";
    }

    @Override
    protected String bodyWithBadValue() {
        return "{\"pattern\": \"好词\", \"severity\": \"high\", \"action\": \"BLOCK\"}";
    }

    @Override
    protected String badValueField() {
        return "severity";
    }

    @Override
    protected List<String> requiredFields() {
        return List.of("pattern");
    }

    @Override
    protected String allowed() {
        return TestTokens.moderator();
    }

    @Override
    protected String forbidden() {
        return TestTokens.service();
    }
}
