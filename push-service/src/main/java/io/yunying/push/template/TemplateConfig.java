package io.yunying.push.template;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "push.templates")
public interface TemplateConfig {

    /** How long a fetched content card is reused before content-service is asked again. */
    @WithDefault("5m")
    Duration cardCache();

    /** How long to wait for content-service. */
    @WithDefault("2s")
    Duration cardTimeout();

    /** The link {card.url} renders to; {id} is the content id. */
    @WithDefault("yunying://content/{id}")
    String cardLink();
}
