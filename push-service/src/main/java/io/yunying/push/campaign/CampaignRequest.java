package io.yunying.push.campaign;

import io.yunying.push.contact.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

@Schema(name = "CampaignInput")
public record CampaignRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}", message = "lower-case letters, digits, _ or -, at most 64") @Schema(example = "recall-at-risk-1201") String key,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotEmpty @Size(max = 20) @Schema(description = "segment keys: members of any are the audience", example = "[\"at-risk\"]") List<@NotBlank String> segments,
        @Size(max = 20) @Schema(description = "segment keys whose members are left out", example = "[\"recalled-last-week\"]") List<@NotBlank String> exclusions,
        @NotEmpty @Size(max = 4) @Schema(description = "tried in order: the first that can reach the contact (address and consent) sends", example = "[\"PUSH\", \"IN_APP\"]") List<@NotNull Channel> channels,
        @NotEmpty @Size(max = 10) List<@Valid @NotNull VariantRequest> variants,
        @DecimalMin("0") @DecimalMax("50") @Schema(description = "percent of the audience held out (sent nothing) to measure uplift", example = "10") BigDecimal holdoutPercent,
        @NotNull @Valid Schedule schedule,
        @Size(max = 64) @Schema(description = "the event that counts as a conversion", example = "purchase") String goalEvent,
        @Min(1) @Max(2160) @Schema(description = "hours after the message a goal event still counts (default 72)") Integer goalWindowHours,
        @Schema(description = "order, account and security notices: exempt from frequency caps and quiet hours, never held out (default false)")
        Boolean transactional) {

    boolean isTransactional() {
        return Boolean.TRUE.equals(transactional);
    }
}
