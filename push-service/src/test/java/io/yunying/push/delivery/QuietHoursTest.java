package io.yunying.push.delivery;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QuietHoursTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final QuietHours.Window NIGHT = new QuietHours.Window(LocalTime.of(22, 0), LocalTime.of(8, 0));

    @Test
    void aWindowAcrossMidnightEndsTheNextMorningInTheContactsZone() {
        // 23:00 EST on 2026-01-10 = 04:00Z on 01-11; the window ends at 08:00 EST = 13:00Z
        assertEquals(Instant.parse("2026-01-11T13:00:00Z"), QuietHours.nextAllowed(Instant.parse("2026-01-11T04:00:00Z"), NEW_YORK, List.of(NIGHT)));
        // 07:59 EST, still inside
        assertEquals(Instant.parse("2026-01-11T13:00:00Z"), QuietHours.nextAllowed(Instant.parse("2026-01-11T12:59:00Z"), NEW_YORK, List.of(NIGHT)));
        assertNull(QuietHours.nextAllowed(Instant.parse("2026-01-11T13:00:00Z"), NEW_YORK, List.of(NIGHT)));
    }

    @Test
    void theEndIsOnTheContactsCalendarAcrossADaylightSavingChange() {
        // the night of 2026-03-07 → 03-08: New York moves from EST (−5) to EDT (−4) at 02:00
        // 23:00 EST on 03-07 = 04:00Z; 08:00 EDT on 03-08 = 12:00Z (not 13:00Z as a fixed offset would say)
        assertEquals(Instant.parse("2026-03-08T12:00:00Z"), QuietHours.nextAllowed(Instant.parse("2026-03-08T04:00:00Z"), NEW_YORK, List.of(NIGHT)));
        // a do-not-disturb ending at 02:30, a time that does not exist that night, ends at 03:30 EDT = 07:30Z
        QuietHours.Window dnd = new QuietHours.Window(LocalTime.of(1, 0), LocalTime.of(2, 30));
        assertEquals(Instant.parse("2026-03-08T07:30:00Z"), QuietHours.nextAllowed(Instant.parse("2026-03-08T06:30:00Z"), NEW_YORK, List.of(dnd)));
    }

    @Test
    void overlappingWindowsAreLeftTogether() {
        QuietHours.Window lateMorning = new QuietHours.Window(LocalTime.of(7, 30), LocalTime.of(9, 15));
        // 23:00 → the night window ends 08:00, but the contact's own window runs on to 09:15
        assertEquals(Instant.parse("2026-01-11T14:15:00Z"), QuietHours.nextAllowed(Instant.parse("2026-01-11T04:00:00Z"), NEW_YORK, List.of(NIGHT, lateMorning)));
        assertNull(QuietHours.nextAllowed(Instant.parse("2026-01-11T18:00:00Z"), NEW_YORK, List.of(NIGHT, lateMorning)));
        assertNull(QuietHours.nextAllowed(Instant.parse("2026-01-11T04:00:00Z"), NEW_YORK, List.of(new QuietHours.Window(LocalTime.NOON, LocalTime.NOON))));
    }
}
