package io.yunying.platform.requestid;

import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/** The id that follows one request through the gateway, every service it reaches, and their logs. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** What a client may send as its own id; anything else is replaced so logs cannot be forged. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    static String acceptOrGenerate(String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
