package io.yunying.gateway.account;

import io.smallrye.mutiny.Uni;
import io.yunying.gateway.account.AccountDtos.AccountPage;
import io.yunying.gateway.account.AccountDtos.AccountView;
import io.yunying.gateway.account.AccountDtos.CreateAccount;
import io.yunying.gateway.account.AccountDtos.UpdateAccount;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/auth/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operator accounts", description = "Admins manage the accounts of editors, reviewers, moderators and operators")
public class AccountResource {

    private final AccountService service;

    public AccountResource(AccountService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an operator account")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "409", description = "The username is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull CreateAccount request, @Context UriInfo uri) {
        return service.create(request).map(a -> Response.created(uri.getAbsolutePathBuilder().path(a.id.toString()).build())
                .tag(etag(a)).entity(AccountView.of(a)).build());
    }

    @GET
    @Operation(summary = "List accounts, a page at a time", description = "sort: username (default), -username, createdAt, -createdAt")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountPage.class)))
    public Uni<AccountPage> list(@QueryParam("sort") @Schema(enumeration = {"username", "-username", "createdAt", "-createdAt"})
                                 String sort,
                                 @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        AccountOrder order = AccountOrder.parse(sort);
        return service.page(order, AccountCursor.decode(cursor, order), limit + 1).map(found -> {
            List<Account> page = found.size() > limit ? found.subList(0, limit) : found;
            String next = found.size() > limit ? AccountCursor.after(page.get(page.size() - 1), order).encode() : null;
            return new AccountPage(page.stream().map(AccountView::of).toList(), next);
        });
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Fetch one account")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id).map(a -> Response.ok(AccountView.of(a)).tag(etag(a)).build());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an account: roles, password, display name, enabled",
            description = "Requires If-Match with the account's ETag. Disabling it, or changing its password or roles, ends its sessions.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "412", description = "The account changed since the ETag was read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull UpdateAccount change) {
        return service.update(id, versionOf(ifMatch), change)
                .map(a -> Response.ok(AccountView.of(a)).tag(etag(a)).build());
    }

    private static EntityTag etag(Account account) {
        return new EntityTag(Long.toString(account.version));
    }

    private static long versionOf(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "if-match-required", "Precondition required",
                    "send If-Match with the ETag you read, so concurrent changes are not lost");
        }
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed("If-Match " + ifMatch + " is not an ETag of this account");
        }
    }

}
