package community.platform.api.pages;

import community.platform.api.accounts.Accounts;
import community.platform.api.accounts.RegistrationRequest;
import community.platform.api.security.PlatformAuthenticationManager;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.Map;

/** Signing in and registering. The sign-in form itself is Spring Security's (POST /login). */
@Controller
public class AccountPages {

    private final Accounts accounts;
    private final PlatformAuthenticationManager authentication;
    private final PageForms forms;
    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

    AccountPages(Accounts accounts, PlatformAuthenticationManager authentication, PageForms forms) {
        this.accounts = accounts;
        this.authentication = authentication;
        this.forms = forms;
    }

    /**
     * The sign-in form; Spring Security sends a refused sign-in back here with {@code error}, {@code locked} or
     * {@code busy}.
     */
    @GetMapping("/login")
    Rendering login(@RequestParam(required = false) String error, @RequestParam(required = false) String locked,
                    @RequestParam(required = false) String busy) {
        return Rendering.view("login").modelAttribute("failed", error != null).modelAttribute("locked", locked != null)
                        .modelAttribute("busy", busy != null).build();
    }

    @GetMapping("/register")
    Rendering register() {
        return form(new RegistrationForm("", "", "", ""), Map.of(), null, HttpStatus.OK);
    }

    /** Registers the account and signs it in, in a new session (as a sign-in does, against session fixation). */
    @PostMapping("/register")
    Mono<Rendering> register(@ModelAttribute RegistrationForm form, ServerWebExchange exchange, Locale locale) {
        RegistrationRequest request = new RegistrationRequest(form.username(), form.password(), form.displayName(),
                                                              form.phone() == null || form.phone().isBlank() ? null
                                                                                                             : form.phone());
        Map<String, String> invalid = forms.invalidFields(request, locale);
        if (!invalid.isEmpty()) {
            return Mono.just(form(form, invalid, null, HttpStatus.BAD_REQUEST));
        }
        return accounts.register(request, exchange)
                       .flatMap(created -> authentication.authenticate(
                               UsernamePasswordAuthenticationToken.unauthenticated(form.username(), form.password())))
                       .flatMap(signedIn -> exchange.getSession().flatMap(WebSession::changeSessionId)
                                                    .then(sessions.save(exchange, new SecurityContextImpl(signedIn))))
                       .then(Mono.fromSupplier(() -> Rendering.redirectTo("/posts").build()))
                       .onErrorResume(failure -> {
                           PageForms.Refusal refusal = forms.refusal(failure, exchange, locale);
                           return Mono.just(form(form, Map.of(), refusal.message(), refusal.status()));
                       });
    }

    private static Rendering form(RegistrationForm form, Map<String, String> invalid, String error, HttpStatus status) {
        return Rendering.view("register").status(status)
                        .modelAttribute("form", new RegistrationForm(form.username(), "", form.displayName(),
                                                                     form.phone()))
                        .modelAttribute("invalid", invalid)
                        .modelAttribute("error", error == null ? "" : error)
                        .build();
    }

    /** The registration form's fields as posted; the password is never sent back. */
    public record RegistrationForm(String username, String password, String displayName, String phone) {
    }
}
