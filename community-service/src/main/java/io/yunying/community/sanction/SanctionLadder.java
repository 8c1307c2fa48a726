package io.yunying.community.sanction;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The configured graduated sanctions, parsed once at start-up: a bad ladder stops the service from starting. */
@ApplicationScoped
public class SanctionLadder {

    /** One rung: the sanction and how long it lasts (null: no end, for WARN and a permanent BAN). */
    public record Step(SanctionType type, Duration duration) {
    }

    private final List<Step> steps;

    public SanctionLadder(StrikeConfig config) {
        this.steps = parse(config.ladder());
    }

    /** The sanction for a member who now has {@code strikes} live strikes (1 or more). */
    public Step forStrikes(long strikes) {
        return steps.get((int) Math.min(Math.max(strikes, 1), steps.size()) - 1);
    }

    static List<Step> parse(List<String> rungs) {
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("yunying.community.strikes.ladder needs at least one step");
        }
        List<Step> parsed = new ArrayList<>();
        for (String rung : rungs) {
            String[] parts = rung.strip().split("\\s+");
            SanctionType type = SanctionType.valueOf(parts[0].toUpperCase(Locale.ROOT));
            Duration duration = parts.length > 1 ? duration(parts[1]) : null;
            if (duration == null && (type == SanctionType.MUTE || type == SanctionType.SUSPEND)) {
                throw new IllegalArgumentException("ladder step '" + rung + "': a " + type + " needs a duration");
            }
            parsed.add(new Step(type, type == SanctionType.WARN ? null : duration));
        }
        return List.copyOf(parsed);
    }

    private static Duration duration(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("ladder duration '" + text + "': use m, h or d");
        };
    }
}
