package io.yunying.push.contact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateContact")
public record CreateContactRequest(
        @NotBlank @Size(max = 64) @Schema(example = "u-10086") String externalId,
        @NotNull Platform platform,
        @Pattern(regexp = "[a-z]{2}(-[A-Za-z]{2,4})?", message = "a language tag such as zh-CN or en") @Schema(example = "zh-CN") String locale,
        @Size(max = 64) @Schema(example = "Asia/Shanghai") String timeZone,
        @Size(max = 64) @Schema(example = "CN-31") String region) {
}
