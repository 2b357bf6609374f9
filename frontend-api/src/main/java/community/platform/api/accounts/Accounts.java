package community.platform.api.accounts;

import community.platform.api.security.Usernames;
import community.platform.api.security.CredentialStore;
import community.platform.api.security.RegistrationThrottle;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.accounts.AccountSummary;
import community.platform.shared.accounts.FindAccountQuery;
import community.platform.shared.accounts.GrantRoleCommand;
import community.platform.shared.accounts.RegisterAccountCommand;
import community.platform.shared.accounts.Role;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.function.Predicate;


/** Registering accounts and reading them back, for the API and for the start-up bootstrap alike. */
@Component
public class Accounts {

    private final Commands commands;
    private final Views views;
    private final CredentialStore credentials;
    private final PasswordEncoder passwords;
    private final RegistrationThrottle registrations;

    public Accounts(Commands commands, Views views, CredentialStore credentials, PasswordEncoder passwords,
                    RegistrationThrottle registrations) {
        this.commands = commands;
        this.registrations = registrations;
        this.views = views;
        this.credentials = credentials;
        this.passwords = passwords;
    }

    /**
     * Registers an account: the command first (the event store decides who gets a username), then the password hash,
     * then waits until the accounts view shows the account, so that the new resident can sign in at once. A request's
     * registrations are limited per client address; the platform's own (no request) are not.
     */
    /** A resident's own registration, from the API or the page: the username normalized, registered as themselves. */
    public Mono<AccountSummary> register(RegistrationRequest request, ServerWebExchange exchange) {
        String username = Usernames.normalize(request.username());
        return register(username, request.password(), request.displayName().strip(), request.phone(), username,
                        exchange);
    }

    public Mono<AccountSummary> register(String username, String password, String displayName, String phone,
                                         String actor, ServerWebExchange exchange) {
        Mono<Void> admitted = exchange == null ? Mono.empty() : registrations.admit(exchange);
        return admitted.then(Mono.defer(() -> commands.sendAs(new RegisterAccountCommand(username, displayName, phone),
                                                              actor, "", exchange)))
                       .onErrorMap(AggregateStreamCreationException.class, taken -> new ApiProblemException(
                               ErrorCode.USERNAME_TAKEN, "The username " + username + " is taken"))
                       .then(Mono.fromCallable(() -> passwords.encode(password))
                                 .subscribeOn(Schedulers.boundedElastic()))
                       .flatMap(hash -> credentials.create(username, hash))
                       .then(visible(username, account -> true));
    }

    /** Grants a role as the given actor (the bootstrap); the API grants through {@link Commands#send}. */
    public Mono<Void> grantAsPlatform(String username, Role role) {
        return commands.sendAs(new GrantRoleCommand(username, role), "platform", "", null).then(
                visible(username, account -> account.roles().contains(role)).then());
    }

    public Mono<AccountSummary> find(String username) {
        return views.find(new FindAccountQuery(username), AccountSummary.class);
    }

    /** The account as the view shows it, once it shows what the caller expects (read your own writes). */
    public Mono<AccountSummary> visible(String username, Predicate<AccountSummary> expected) {
        return views.visible(new FindAccountQuery(username), AccountSummary.class, expected);
    }
}
