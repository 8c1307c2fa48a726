package io.yunying.push.contact;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/**
 * A contact's profile as written by operators, services and imports. On update every field is
 * optional and a missing field keeps its value; custom attributes merge key by key and a null value
 * removes a key.
 */
@Schema(name = "ContactInput")
public record ContactRequest(
        @NotBlank(groups = Create.class) @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:@-]+", message = "letters, digits and . _ : @ - only")
        @Schema(example = "u-10086") String externalId,
        @NotNull(groups = Create.class) Platform platform,
        @Pattern(regexp = "[a-z]{2}(-[A-Za-z]{2,4})?", message = "a language tag such as zh-CN or en") @Schema(example = "zh-CN") String locale,
        @Size(max = 64) @Schema(example = "Asia/Shanghai") String timeZone,
        @Size(max = 64) @Schema(example = "CN-31") String region,
        @Size(max = 64) @Schema(example = "douyin-ads") String acquisitionChannel,
        Gender gender,
        @Pattern(regexp = AgeBands.PATTERN, message = "one of <18, 18-24, 25-34, 35-44, 45-54, 55+") @Schema(example = "25-34") String ageBand,
        @Size(max = 32) @Schema(example = "5.2.0") String appVersion,
        @Size(max = 64) @Schema(example = "iPhone15,2") String deviceModel,
        @Size(max = 32) @Schema(example = "gold") String membershipTier,
        Instant membershipExpiresAt,
        @Schema(description = "custom key/values: keys are identifiers, values strings, numbers or booleans",
                example = "{\"favouriteTeam\": \"shenhua\", \"level\": 12}") Map<String, Object> attributes,
        @Schema(description = "when the user signed up in the app; defaults to the registration time") Instant signedUpAt,
        @Valid DoNotDisturb doNotDisturb) {

    /** Validation group of the fields a new contact must carry. */
    public interface Create extends Default {
    }
}
