package community.platform.api.neighbourhoods;

import community.platform.api.accounts.Accounts;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.accounts.Role;
import community.platform.shared.neighbourhoods.AppointOrganizerCommand;
import community.platform.shared.neighbourhoods.CreateNeighbourhoodCommand;
import community.platform.shared.neighbourhoods.FindStatedNeighbourhoodQuery;
import community.platform.shared.neighbourhoods.StateNeighbourhoodCommand;
import community.platform.shared.neighbourhoods.ListNeighbourhoodsQuery;
import community.platform.shared.neighbourhoods.Neighbourhood;
import community.platform.shared.volunteering.ListNeighbourhoodHoursQuery;
import community.platform.shared.volunteering.NeighbourhoodHours;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static community.platform.shared.neighbourhoods.Neighbourhoods.DEFAULT;
import static community.platform.shared.neighbourhoods.Neighbourhoods.idOf;

/**
 * The sub-district's tree of neighbourhoods: an ADMIN adds a neighbourhood (its id follows from its name, so a name is
 * taken once) and appoints organizers there; anyone reads the list. Each change answers once the list shows it.
 */
@Component
public class Neighbourhoods {

    /** What the default neighbourhood is called unless {@code platform.neighbourhoods.default-name} says otherwise. */
    static final String DEFAULT_NAME = "街道直属";

    private final Commands commands;
    private final Views views;
    private final Accounts accounts;
    private final String defaultName;

    Neighbourhoods(Commands commands, Views views, Accounts accounts,
                   @Value("${platform.neighbourhoods.default-name:" + DEFAULT_NAME + "}") String defaultName) {
        this.commands = commands;
        this.defaultName = defaultName.strip();
        this.views = views;
        this.accounts = accounts;
    }

    /** Anyone's list; the organizers appointed in each only when the caller is an ADMIN. */
    public Mono<List<NeighbourhoodResponse>> list(ServerWebExchange exchange) {
        Mono<Boolean> admin = exchange.getPrincipal().cast(Authentication.class)
                                      .map(caller -> caller.getAuthorities().stream()
                                                           .anyMatch(role -> role.getAuthority().equals("ROLE_ADMIN")))
                                      .defaultIfEmpty(false);
        return Mono.zip(views.list(new ListNeighbourhoodsQuery(), Neighbourhood.class), admin)
                   .map(found -> found.getT1().stream().map(n -> NeighbourhoodResponse.of(n, found.getT2()))
                                      .toList());
    }

    /**
     * Every neighbourhood for the pages' lists and forms, the default one first: each with whether the caller may
     * publish there (every organizer in the default one; elsewhere those appointed).
     */
    public Mono<List<Choice>> choices(String caller) {
        return views.list(new ListNeighbourhoodsQuery(), Neighbourhood.class)
                    .map(all -> all.stream()
                                   .sorted(Comparator.comparing((Neighbourhood n) -> !n.id().equals(DEFAULT)))
                                   .map(n -> new Choice(n.id(), n.name(), n.id().equals(DEFAULT)
                                           || caller != null && n.organizers().contains(caller)))
                                   .toList());
    }

    /**
     * The sub-district's volunteer hours by neighbourhood, every neighbourhood listed (those without hours at 0),
     * most hours first, for ADMINs.
     */
    public Mono<List<NeighbourhoodReport>> report() {
        return Mono.zip(views.list(new ListNeighbourhoodsQuery(), Neighbourhood.class),
                        views.list(new ListNeighbourhoodHoursQuery(), NeighbourhoodHours.class))
                   .map(found -> {
                       Map<String, NeighbourhoodHours> hours = found.getT2().stream().collect(
                               Collectors.toMap(NeighbourhoodHours::neighbourhoodId, h -> h));
                       return found.getT1().stream()
                                   .map(n -> NeighbourhoodReport.of(n, hours.getOrDefault(
                                           n.id(), new NeighbourhoodHours(n.id(), 0, 0, 0))))
                                   .sorted(Comparator.comparing(NeighbourhoodReport::hours).reversed()
                                                     .thenComparing(NeighbourhoodReport::name))
                                   .toList();
                   });
    }

    /** The neighbourhood the resident stated, if any. */
    public Mono<Optional<String>> stated(String username) {
        return views.find(new FindStatedNeighbourhoodQuery(username), String.class).map(Optional::of)
                    .defaultIfEmpty(Optional.empty());
    }

    /** States (or, with none, withdraws) the resident's neighbourhood; answers once it reads back so. */
    public Mono<Void> state(String username, String neighbourhoodId, ServerWebExchange exchange) {
        String chosen = neighbourhoodId == null || neighbourhoodId.isBlank() ? null : neighbourhoodId.strip();
        FindStatedNeighbourhoodQuery query = new FindStatedNeighbourhoodQuery(username);
        return commands.send(new StateNeighbourhoodCommand(username, chosen), exchange)
                       .then(chosen != null
                             ? views.visible(query, String.class, chosen::equals).then()
                             : Flux.interval(Duration.ZERO, Duration.ofMillis(200))
                                   .concatMap(tick -> views.find(query, String.class).hasElement())
                                   .filter(stated -> !stated).next().timeout(Duration.ofSeconds(10)).then());
    }

    /**
     * What a list page filters by: the neighbourhood asked for, none for {@code all}, and when nothing is asked, the
     * one the signed-in resident stated (empty text for none).
     */
    public Mono<String> filterFor(String asked, ServerWebExchange exchange) {
        if (asked != null && !asked.isBlank()) {
            return Mono.just(chosen(asked) == null ? "" : asked);
        }
        return exchange.getPrincipal().flatMap(caller -> stated(caller.getName())).map(found -> found.orElse(""))
                       .defaultIfEmpty("");
    }

    /** The neighbourhood a filter asked for: null for none or {@code all}. */
    public static String chosen(String asked) {
        return asked == null || asked.isBlank() || asked.equals("all") ? null : asked;
    }

    /** A neighbourhood as a page offers it. */
    public record Choice(String id, String name, boolean publishable) {
    }

    public Mono<NeighbourhoodResponse> create(NeighbourhoodRequest request, ServerWebExchange exchange) {
        String id = idOf(request.name());
        if (id.equals(idOf(defaultName))) {
            return Mono.error(new ApiProblemException(ErrorCode.NEIGHBOURHOOD_EXISTS, "The default neighbourhood is named "
                    + defaultName + " already"));
        }
        return commands.send(new CreateNeighbourhoodCommand(id, request.name(), request.areas()), exchange)
                       .onErrorMap(AggregateStreamCreationException.class, taken -> new ApiProblemException(
                               ErrorCode.NEIGHBOURHOOD_EXISTS,
                               "There is a neighbourhood named " + request.name().strip() + " already"))
                       .then(shown(id, neighbourhood -> true));
    }

    /** Only an organizer is appointed; the neighbourhood must exist. */
    public Mono<NeighbourhoodResponse> appoint(String organizer, AppointmentRequest request,
                                               ServerWebExchange exchange) {
        String id = request.neighbourhoodId().strip();
        return accounts.find(organizer)
                       .switchIfEmpty(Mono.error(() -> new ApiProblemException(ErrorCode.ACCOUNT_NOT_FOUND,
                                                                               "There is no account " + organizer)))
                       .filter(account -> account.roles().contains(Role.ORGANIZER))
                       .switchIfEmpty(Mono.error(() -> new ApiProblemException(
                               ErrorCode.NOT_AN_ORGANIZER, organizer + " is not an organizer: grant the role first")))
                       .then(commands.send(new AppointOrganizerCommand(id, organizer), exchange))
                       .onErrorMap(AggregateNotFoundException.class, missing -> new ApiProblemException(
                               ErrorCode.NEIGHBOURHOOD_NOT_FOUND, "There is no neighbourhood " + id))
                       .then(shown(id, neighbourhood -> neighbourhood.organizers().contains(organizer)));
    }

    /**
     * Names the default neighbourhood, the one every record made before there were neighbourhoods belongs to, unless
     * it has a name already: the first start after the upgrade (or of a new platform) records it, once. Answers
     * whether this call named it.
     */
    public Mono<Boolean> nameTheDefault() {
        return views.list(new ListNeighbourhoodsQuery(), Neighbourhood.class)
                    .filter(all -> all.stream().noneMatch(n -> n.id().equals(DEFAULT)))
                    .flatMap(none -> commands.sendAs(new CreateNeighbourhoodCommand(DEFAULT, defaultName, List.of()),
                                                     "platform", "", null)
                                             .thenReturn(true)
                                             .onErrorResume(AggregateStreamCreationException.class,
                                                            namedBefore -> Mono.just(false)))
                    .defaultIfEmpty(false);
    }

    /** The neighbourhood once the list shows the change, as an ADMIN sees it (only ADMINs change the tree). */
    private Mono<NeighbourhoodResponse> shown(String id, Predicate<Neighbourhood> expected) {
        return views.visibleList(new ListNeighbourhoodsQuery(), Neighbourhood.class,
                                 all -> all.stream().anyMatch(n -> n.id().equals(id) && expected.test(n)))
                    .map(all -> NeighbourhoodResponse.of(
                            all.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow(), true));
    }
}
