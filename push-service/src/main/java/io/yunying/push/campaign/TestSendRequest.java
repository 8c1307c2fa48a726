package io.yunying.push.campaign;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "CampaignTestSendInput")
public record TestSendRequest(
        @NotEmpty @Size(max = 50) @Schema(description = "seed contacts (external ids); each receives every variant", example = "[\"user-10086\"]") List<@NotBlank String> externalIds) {
}
