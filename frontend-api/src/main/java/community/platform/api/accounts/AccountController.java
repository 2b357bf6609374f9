package community.platform.api.accounts;

import community.platform.api.security.Usernames;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.shared.ErrorCode;
import community.platform.shared.accounts.GrantRoleCommand;
import community.platform.shared.accounts.RevokeRoleCommand;
import community.platform.shared.accounts.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Set;

/** The Accounts section of docs/api.md, plus revoking a role. */
@Tag(name = "Accounts")
@RestController
public class AccountController {

    private final Accounts accounts;
    private final Commands commands;

    public AccountController(Accounts accounts, Commands commands) {
        this.accounts = accounts;
        this.commands = commands;
    }

    @Operation(summary = "Register a resident account")
    @SecurityRequirements
    @PostMapping("/api/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<AccountResponse>> register(
            @Valid @RequestBody RegistrationRequest request, ServerWebExchange exchange) {
        return accounts.register(request, exchange)
                       .map(account -> ResponseEntity.created(URI.create("/api/accounts/" + account.username()))
                                                     .body(AccountResponse.of(account)));
    }

    @Operation(summary = "The caller's account")
    @GetMapping("/api/accounts/me")
    public Mono<AccountResponse> me(Authentication caller) {
        return accounts.find(caller.getName())
                       .map(AccountResponse::of)
                       .switchIfEmpty(Mono.error(new ApiProblemException(ErrorCode.ACCOUNT_NOT_FOUND,
                                                                         "Your account is not in the accounts view")));
    }

    @Operation(summary = "Grant an account a role")
    @PostMapping("/api/admin/accounts/{username}/roles")
    public Mono<RolesResponse> grant(@PathVariable String username, @Valid @RequestBody RoleRequest request,
                                     ServerWebExchange exchange) {
        String account = Usernames.normalize(username);
        return changeRoles(account, commands.send(new GrantRoleCommand(account, request.role()), exchange));
    }

    @Operation(summary = "Revoke a role from an account")
    @DeleteMapping("/api/admin/accounts/{username}/roles/{role}")
    public Mono<RolesResponse> revoke(@PathVariable String username, @PathVariable Role role,
                                      ServerWebExchange exchange) {
        String account = Usernames.normalize(username);
        return changeRoles(account, commands.send(new RevokeRoleCommand(account, role), exchange));
    }

    private Mono<RolesResponse> changeRoles(String account, Mono<Set<Role>> change) {
        return change.onErrorMap(org.axonframework.modelling.command.AggregateNotFoundException.class,
                                 missing -> new ApiProblemException(ErrorCode.ACCOUNT_NOT_FOUND,
                                                                    "There is no account " + account))
                     .flatMap(roles -> accounts.visible(account, a -> a.roles().equals(roles))
                                               .thenReturn(new RolesResponse(account, roles.stream().sorted().toList())));
    }

    public record RolesResponse(String username, java.util.List<Role> roles) {
    }

    /** For measuring what signing in costs (see bench/run auth). */
    @Operation(summary = "Answers ok to a signed-in caller")
    @GetMapping("/api/ping")
    public Mono<Pong> ping() {
        return Mono.just(new Pong("ok"));
    }

    /** A cheap answer for load balancers. */
    @Operation(summary = "Answers ok to anyone")
    @SecurityRequirements
    @GetMapping("/api/public/ping")
    public Mono<Pong> publicPing() {
        return ping();
    }

    public record Pong(String status) {
    }
}
