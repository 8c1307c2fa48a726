package io.yunying.push.contact;

import java.util.List;

/** Age is kept as a band, never a birth date: enough to segment, little to leak. */
public final class AgeBands {

    public static final List<String> ALL = List.of("<18", "18-24", "25-34", "35-44", "45-54", "55+");
    public static final String PATTERN = "<18|18-24|25-34|35-44|45-54|55\\+";

    private AgeBands() {
    }
}
