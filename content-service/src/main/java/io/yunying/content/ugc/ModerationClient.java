package io.yunying.content.ugc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** community-service's moderation check: sensitive words, spam and ads, with Chinese evasion handling. */
@RegisterRestClient(configKey = "community")
@Path("/api/community/moderation")
public interface ModerationClient {

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CheckResponse> check(@HeaderParam("Authorization") String authorization, CheckRequest request);

    record CheckRequest(String text, String contentType, String authorId, Map<String, String> context) {
    }

    /**
     * PASS, REVIEW or BLOCK; {@code flagged} asks for a human look even on PASS; {@code maskedText} is the text sent
     * with MASK hits replaced by {@code *}, character for character.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CheckResponse(String decision, Boolean flagged, String maskedText, List<Hit> hits) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hit(String word, String category, String action) {
    }
}
