package io.yunying.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document, the body of every error Yunying answers.
 * Feature-specific members (the current state of an item, the allowed transitions...) travel in
 * {@code properties} and are written at the top level, as the RFC's extension members.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "urn:yunying:problem:validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are invalid") String detail,
        @Schema(example = "/api/content/items") String instance,
        @Schema(example = "3f1c2a0e-8d7b-4a51-9a55-0c1f5b6f2b10") String requestId,
        List<FieldError> errors,
        @JsonIgnore Map<String, Object> properties) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:yunying:problem:";

    public static String typeUri(String slug) {
        return TYPE_PREFIX + slug;
    }

    /** The same problem for a request whose id is known explicitly (outside the request's logging context). */
    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, id, errors, properties);
    }

    public Problem withProperties(Map<String, Object> extra) {
        return new Problem(type, title, status, detail, instance, requestId, errors, extra);
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return properties == null ? Map.of() : properties;
    }

    /** One invalid part of a request: where it is (a JSON path, a parameter name) and what is wrong. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(
            @Schema(example = "title") String field,
            @Schema(example = "must not be blank") String message,
            @Schema(description = "the rejected value, when it is safe to echo") Object rejected) {
    }
}
