package io.yunying.push.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The SQL a rule compiles to: bare, index-friendly comparisons where no NOT can turn a null into true. */
class RuleCompilerTest {

    static final Instant NOW = Instant.parse("2026-04-20T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static CompiledRule filter(String rule) throws Exception {
        return RuleCompiler.compileFilter(JSON.readTree(rule), 0, NOW);
    }

    static CompiledRule exact(String rule) throws Exception {
        return RuleCompiler.compile(JSON.readTree(rule), 0, NOW);
    }

    @Test
    void aFilterComparesBareOutsideNotAndTwoValuedUnderIt() throws Exception {
        String rule = "{\"all\": [{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}, "
                + "{\"any\": [{\"attribute\": \"gender\", \"op\": \"in\", \"value\": [\"FEMALE\"]}, {\"attribute\": \"rfm.recency\", \"op\": \"gte\", \"value\": 4}]}, "
                + "{\"not\": {\"all\": [{\"attribute\": \"ageBand\", \"op\": \"eq\", \"value\": \"<18\"}, "
                + "{\"not\": {\"attribute\": \"locale\", \"op\": \"eq\", \"value\": \"en\"}}]}}]}";
        assertEquals("(c.region = $1::text) and ((c.gender = any($2::text[])) or (r.r >= $3::int4)) and "
                        + "(not ((coalesce(c.age_band = $4::text, false)) and (not (coalesce(c.locale = $5::text, false)))))",
                filter(rule).where());
        assertEquals("(coalesce(c.region = $1::text, false)) and ((coalesce(c.gender = any($2::text[]), false)) or (coalesce(r.r >= $3::int4, false))) and "
                        + "(not ((coalesce(c.age_band = $4::text, false)) and (not (coalesce(c.locale = $5::text, false)))))",
                exact(rule).where());
    }

    @Test
    void negativeOperatorsStayTwoValuedEverywhere() throws Exception {
        assertEquals("not coalesce(c.region = $1::text, false)", filter("{\"attribute\": \"region\", \"op\": \"ne\", \"value\": \"CN-31\"}").where());
        assertEquals("not coalesce(c.region = any($1::text[]), false)", filter("{\"attribute\": \"region\", \"op\": \"not_in\", \"value\": [\"CN-31\"]}").where());
    }

    @Test
    void theBenchmarkSegmentIsAnIndexableConjunctionAndAGroupedEventScan() throws Exception {
        String where = filter("{\"all\": [{\"attribute\": \"region\", \"op\": \"eq\", \"value\": \"CN-31\"}, {\"attribute\": \"gender\", \"op\": \"eq\", \"value\": \"FEMALE\"}, "
                + "{\"event\": \"purchase\", \"op\": \"gte\", \"count\": 2, \"withinDays\": 30}]}").where();
        assertFalse(where.contains("coalesce"), where);
        assertEquals("(c.region = $1::text) and (c.gender = $2::text) and (c.id in (select e.contact_id from event e "
                + "where e.type = $3::text and e.occurred_at >= $4::timestamptz group by e.contact_id having count(*) >= $5::int4))", where);
    }
}
