package io.yunying.push.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Windows of wall-clock time in a contact's zone when nothing may be sent. A window may cross midnight
 * (22:00 to 08:00). The next allowed instant is computed on the contact's calendar, so it is right
 * across daylight-saving changes: an end time that falls in a spring-forward gap moves forward with it.
 */
public final class QuietHours {

    public record Window(LocalTime start, LocalTime end) {
        boolean contains(LocalTime t) {
            if (start.equals(end)) {
                return false;
            }
            return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        }

        /** The end of the window that contains local time {@code at}. */
        LocalDateTime endAfter(LocalDateTime at) {
            LocalDate day = at.toLocalDate();
            boolean crossesMidnight = !start.isBefore(end);
            if (crossesMidnight && !at.toLocalTime().isBefore(start)) {
                day = day.plusDays(1);
            }
            return LocalDateTime.of(day, end);
        }
    }

    private QuietHours() {
    }

    /** The first instant at or after {@code now} outside every window, or null when {@code now} is allowed. */
    public static Instant nextAllowed(Instant now, ZoneId zone, List<Window> windows) {
        ZonedDateTime t = now.atZone(zone);
        boolean moved = false;
        for (int round = 0; round < 8; round++) {
            boolean inside = false;
            for (Window w : windows) {
                if (w.contains(t.toLocalTime())) {
                    t = ZonedDateTime.of(w.endAfter(t.toLocalDateTime()), zone);
                    inside = true;
                    moved = true;
                }
            }
            if (!inside) {
                break;
            }
        }
        return moved ? t.toInstant() : null;
    }
}
