package io.yunying.push.importing;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "push.imports")
public interface ImportConfig {

    /** Row errors kept per import for the report; beyond that only the count grows. */
    int maxErrorsKept();
}
