package io.yunying.push.template;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of a published content item a message shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Card(String id, String title, String summary, String coverUrl) {
}
