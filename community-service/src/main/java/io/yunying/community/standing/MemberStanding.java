package io.yunying.community.standing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** What the community knows of a member: since when, how much they posted, how often they were sanctioned. */
@Entity
@Table(name = "member_standing")
public class MemberStanding {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    public int posts;

    public int strikes;

    /**
     * Trust earned by age, activity and a clean history (Discourse-style levels 0-3). A third strike
     * drops a member back to 0 whatever their age.
     */
    public int trustLevel(Instant now) {
        Duration age = Duration.between(firstSeenAt, now);
        if (strikes >= 3 || age.compareTo(Duration.ofDays(1)) < 0) {
            return 0;
        }
        if (strikes == 0 && age.compareTo(Duration.ofDays(30)) >= 0 && posts >= 50) {
            return 3;
        }
        if (strikes == 0 && age.compareTo(Duration.ofDays(7)) >= 0 && posts >= 10) {
            return 2;
        }
        return 1;
    }

    /** How much a report by this member counts towards hiding a post. */
    public double reportWeight(Instant now) {
        return switch (trustLevel(now)) {
            case 0 -> 0.5;
            case 1 -> 1.0;
            case 2 -> 1.5;
            default -> 2.0;
        };
    }
}
