package io.yunying.push.campaign;

import io.yunying.push.contact.Channel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** One A/B variant: its share of the non-holdout audience and a template per channel. */
@Schema(name = "CampaignVariant")
public record VariantRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,16}", message = "letters, digits, _ or -, at most 16") @Schema(example = "A") String key,
        @Min(1) @Max(100) @Schema(description = "percent of the contacts not held out; variants add up to 100", example = "50") int percent,
        @NotEmpty @Schema(description = "template key per channel; the first channel is required", example = "{\"PUSH\": \"recall-push-a\", \"IN_APP\": \"recall-inbox\"}") Map<Channel, String> templates) {
}
