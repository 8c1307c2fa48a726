package io.yunying.gateway.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What the accounts API reads and writes. */
public final class AccountDtos {

    private AccountDtos() {
    }

    /** The roles an operator account can hold (app users and services never have accounts). */
    public enum OperatorRole {
        admin, editor, reviewer, moderator, operator
    }

    @Schema(name = "CreateAccount")
    public record CreateAccount(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, dot, underscore and hyphen")
            @Schema(example = "editor-li") String username,
            @Size(max = 80) @Schema(example = "李编辑") String displayName,
            @NotBlank @Size(min = 12, max = 128, message = "between 12 and 128 characters") String password,
            @NotEmpty Set<OperatorRole> roles) {
    }

    @Schema(name = "UpdateAccount", description = "Fields left out stay as they are")
    public record UpdateAccount(
            @Size(max = 80) String displayName,
            @Size(min = 12, max = 128, message = "between 12 and 128 characters") String password,
            @Size(min = 1) Set<OperatorRole> roles,
            Boolean enabled) {
    }

    @Schema(name = "Account")
    public record AccountView(UUID id, String username, String displayName, List<String> roles, boolean enabled,
                              Instant lockedUntil, Instant createdAt, Instant lastSignInAt, long version) {

        public static AccountView of(Account a) {
            return new AccountView(a.id, a.username, a.displayName, List.of(a.roles), a.enabled, a.lockedUntil,
                    a.createdAt, a.lastSignInAt, a.version);
        }
    }

    @Schema(name = "AccountPage")
    public record AccountPage(List<AccountView> items, String nextCursor) {
    }
}
