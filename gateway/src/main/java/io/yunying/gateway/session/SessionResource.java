package io.yunying.gateway.session;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.yunying.gateway.account.AccountDtos.AccountView;
import io.yunying.gateway.account.AuthConfig;
import io.yunying.gateway.session.SessionDtos.AccessTokenView;
import io.yunying.gateway.session.SessionDtos.AppUserTokenRequest;
import io.yunying.gateway.session.SessionDtos.RefreshRequest;
import io.yunying.gateway.session.SessionDtos.ServiceTokenRequest;
import io.yunying.gateway.session.SessionDtos.SignIn;
import io.yunying.gateway.session.SessionDtos.Tokens;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Duration;
import java.util.UUID;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-in", description = "Operator sign-in, token refresh and sign-out; tokens for app users and services")
public class SessionResource {

    private final SessionService sessions;
    private final TokenIssuer issuer;
    private final AuthConfig config;
    private final JsonWebToken caller;
    private final Vertx vertx;

    public SessionResource(SessionService sessions, TokenIssuer issuer, AuthConfig config, JsonWebToken caller,
                           Vertx vertx) {
        this.sessions = sessions;
        this.issuer = issuer;
        this.config = config;
        this.caller = caller;
        this.vertx = vertx;
    }

    @POST
    @Path("sign-in")
    @PermitAll
    @Operation(summary = "Sign in with username and password")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "401", description = "Wrong username or password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "423", description = "Locked after repeated failures, until `lockedUntil`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Tokens> signIn(@Valid @NotNull SignIn request) {
        return sessions.signIn(request.username(), request.password()).map(Tokens::of);
    }

    @POST
    @Path("refresh")
    @PermitAll
    @Operation(summary = "Trade a refresh token for a new access and refresh token (the old one stops working)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "401", description = "The refresh token is unknown, expired, revoked or was already used",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Tokens> refresh(@Valid @NotNull RefreshRequest request) {
        return sessions.refresh(request.refreshToken()).map(Tokens::of);
    }

    @POST
    @Path("sign-out")
    @PermitAll
    @ResponseStatus(204)
    @Operation(summary = "End the session a refresh token belongs to")
    public Uni<Void> signOut(@Valid @NotNull RefreshRequest request) {
        return sessions.signOut(request.refreshToken());
    }

    @GET
    @Path("me")
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.REVIEWER, Roles.MODERATOR, Roles.OPERATOR})
    @Operation(summary = "The signed-in operator's profile and roles")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Uni<AccountView> me() {
        return sessions.current(UUID.fromString(caller.getSubject())).map(AccountView::of);
    }

    @POST
    @Path("dev/app-user-tokens")
    @PermitAll
    @Operation(summary = "Development only: an app-user token for any user id",
            description = "Answers 404 unless yunying.gateway.auth.dev-app-user-tokens=true (the local platform). "
                    + "In production, app users bring tokens from the app's own identity system.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccessTokenView.class)))
    public AccessTokenView devAppUserToken(@Valid @NotNull AppUserTokenRequest request) {
        if (!config.devAppUserTokens()) {
            throw ProblemException.notFound("endpoint", "/api/auth/dev/app-user-tokens");
        }
        TokenIssuer.AccessToken token = issuer.forAppUser(request.userId(), Duration.ofHours(12));
        return new AccessTokenView(token.token(), "Bearer", token.expiresAt());
    }

    private static boolean secretMatches(AuthConfig.ServiceClient client, String offered) {
        if (client.secretHash().isPresent()) {
            return BcryptUtil.matches(offered, client.secretHash().get());
        }
        return client.secret().map(secret -> java.security.MessageDigest.isEqual(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                offered.getBytes(java.nio.charset.StandardCharsets.UTF_8))).orElse(false);
    }

    @POST
    @Path("service-tokens")
    @PermitAll
    @Operation(summary = "A service token for a configured client (client-credentials grant)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccessTokenView.class)))
    @APIResponse(responseCode = "401", description = "Unknown client or wrong secret",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AccessTokenView> serviceToken(@Valid @NotNull ServiceTokenRequest request) {
        AuthConfig.ServiceClient client = config.serviceClients().get(request.clientId());
        return vertx.executeBlocking(Uni.createFrom().item(() -> client != null && secretMatches(client, request.clientSecret())))
                .map(valid -> {
                    if (!valid) {
                        throw new ProblemException(401, "invalid-client", "Unknown client", "the client id or secret is wrong");
                    }
                    TokenIssuer.AccessToken token = issuer.forService(request.clientId());
                    return new AccessTokenView(token.token(), "Bearer", token.expiresAt());
                });
    }
}
