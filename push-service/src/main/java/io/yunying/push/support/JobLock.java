package io.yunying.push.support;

/**
 * Advisory-lock keys of the scheduled jobs. Every replica runs the schedulers; the job whose
 * transaction wins {@code pg_try_advisory_xact_lock} does the work, the others skip.
 */
public final class JobLock {

    public static final long SEGMENT_REFRESH = 6_001;
    public static final long RFM = 6_002;
    public static final long LIFECYCLE = 6_003;
    public static final long EVENT_PURGE = 6_004;

    private JobLock() {
    }
}
