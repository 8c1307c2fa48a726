package io.yunying.push.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignificanceTest {

    @Test
    void aLargeEnoughDifferenceIsSignificant() {
        CampaignReport.Uplift u = Significance.uplift(200, 1000, 150, 1000);
        assertEquals(0.05, u.absolute(), 1e-9);
        assertEquals(1.0 / 3, u.relative(), 1e-6);
        assertEquals(2.94245, u.z(), 1e-4);
        assertEquals(0.003256, u.pValue(), 1e-5);
        assertTrue(u.significant());
    }

    @Test
    void aSmallSampleIsNotAndANegativeUpliftKeepsItsSign() {
        CampaignReport.Uplift u = Significance.uplift(1, 10, 2, 10);
        assertEquals(-0.1, u.absolute(), 1e-9);
        assertEquals(-0.5, u.relative(), 1e-9);
        assertEquals(-0.62622, u.z(), 1e-4);
        assertFalse(u.significant());
    }

    @Test
    void emptyGroupsHaveNoTest() {
        assertNull(Significance.uplift(3, 0, 1, 10));
        assertNull(Significance.uplift(3, 10, 0, 0));
        CampaignReport.Uplift none = Significance.uplift(0, 10, 0, 10);
        assertEquals(0.0, none.absolute());
        assertNull(none.relative());
        assertNull(none.z());
        assertFalse(none.significant());
    }
}
