package io.yunying.gateway.session;

import io.yunying.gateway.account.AccountDtos.AccountView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class SessionDtos {

    private SessionDtos() {
    }

    @Schema(name = "SignIn")
    public record SignIn(@NotBlank @Size(max = 64) @Schema(example = "editor") String username,
                         @NotBlank @Size(max = 128) String password) {
    }

    @Schema(name = "RefreshRequest")
    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @Schema(name = "Tokens", description = "An access token for the Authorization header and a refresh token to renew it")
    public record Tokens(String accessToken, String tokenType, long expiresIn, Instant expiresAt,
                         String refreshToken, Instant refreshExpiresAt, AccountView account) {

        static Tokens of(SessionService.Session session) {
            return new Tokens(session.access().token(), "Bearer",
                    java.time.Duration.between(session.access().issuedAt(), session.access().expiresAt()).toSeconds(),
                    session.access().expiresAt(),
                    session.refreshToken(), session.refreshExpiresAt(), AccountView.of(session.account()));
        }
    }

    @Schema(name = "AccessToken")
    public record AccessTokenView(String accessToken, String tokenType, Instant expiresAt) {
    }

    @Schema(name = "AppUserTokenRequest")
    public record AppUserTokenRequest(@NotBlank @Size(max = 64) @Schema(example = "user-10086") String userId) {
    }

    @Schema(name = "ServiceTokenRequest")
    public record ServiceTokenRequest(@NotBlank @Size(max = 64) String clientId, @NotBlank @Size(max = 200) String clientSecret) {
    }
}
