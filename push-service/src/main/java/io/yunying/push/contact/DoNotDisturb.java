package io.yunying.push.contact;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalTime;

/** Quiet hours in the contact's own time zone; the window may cross midnight (22:00 to 08:00). */
@Schema(name = "DoNotDisturb")
public record DoNotDisturb(
        @NotNull @Schema(example = "22:00", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING) LocalTime start,
        @NotNull @Schema(example = "08:00", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING) LocalTime end) {
}
