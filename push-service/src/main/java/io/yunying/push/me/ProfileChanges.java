package io.yunying.push.me;

import io.yunying.push.contact.ContactRequest;
import io.yunying.push.contact.DoNotDisturb;
import io.yunying.push.contact.Platform;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an app user may change about themselves; operator-owned fields (membership, channel) are not here. */
@Schema(name = "ProfileChanges")
public record ProfileChanges(
        Platform platform,
        @Pattern(regexp = "[a-z]{2}(-[A-Za-z]{2,4})?", message = "a language tag such as zh-CN or en") String locale,
        @Size(max = 64) @Schema(example = "Asia/Shanghai") String timeZone,
        @Size(max = 32) String appVersion,
        @Size(max = 64) String deviceModel,
        @Valid DoNotDisturb doNotDisturb) {

    ContactRequest asContactChanges() {
        return new ContactRequest(null, platform, locale, timeZone, null, null, null, null, appVersion, deviceModel,
                null, null, null, null, doNotDisturb);
    }
}
