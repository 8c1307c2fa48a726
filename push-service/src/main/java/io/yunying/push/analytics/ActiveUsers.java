package io.yunying.push.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** One point per day: contacts active that day, in the 7 days and in the 30 days ending that day. */
@Schema(name = "ActiveUsers")
public record ActiveUsers(String zone, List<Day> days) {

    public record Day(LocalDate day, long dau, long wau, long mau) {
    }
}
