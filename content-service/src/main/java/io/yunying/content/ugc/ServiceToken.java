package io.yunying.content.ugc;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * The {@code service} token content-service presents to other services. The gateway issues it through a
 * client-credentials grant; deployments hand it over as configuration ({@code CONTENT_COMMUNITY_TOKEN}).
 */
@ConfigMapping(prefix = "content.community")
public interface ServiceToken {

    Optional<String> token();

    default String authorization() {
        return token().map(t -> "Bearer " + t).orElse(null);
    }
}
