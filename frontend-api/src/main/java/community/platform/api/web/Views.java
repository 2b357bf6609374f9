package community.platform.api.web;

import community.platform.shared.FreshReads;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads from the query side: one record, a list, or a record once it shows a change (read your own writes). A query
 * is handled on the thread that sends it, and some handlers block (the audit walks the event store), so queries are
 * sent from a bounded-elastic thread, never a Netty event loop.
 */
@Component
public class Views {

    private final QueryGateway queries;
    private final Duration catchUp;
    private final Duration poll;

    public Views(QueryGateway queries, @Value("${platform.views.catch-up-timeout:10s}") Duration catchUp,
                 @Value("${platform.views.poll-interval:1s}") Duration poll) {
        this.queries = queries;
        this.catchUp = catchUp;
        this.poll = poll;
    }

    /** Empty when there is no such record. */
    public <R> Mono<R> find(Object query, Class<R> type) {
        return BusWork.run(() -> queries.query(query, ResponseTypes.optionalInstanceOf(type)))
                      .flatMap(Mono::justOrEmpty);
    }

    /** The record, or a 404 problem with the given detail when there is none. */
    public <R> Mono<R> existing(Object query, Class<R> type, String notFound) {
        return find(query, type).switchIfEmpty(Mono.error(() -> new ApiProblemException(Problems.notFound(notFound))));
    }

    public <R> Mono<List<R>> list(Object query, Class<R> type) {
        return BusWork.run(() -> queries.query(query, ResponseTypes.multipleInstancesOf(type)));
    }

    /**
     * The record now, then each change to it as the query side pushes it, until the subscriber goes away (which ends
     * the subscription). Nothing is polled: every instance's query side emits the changes to the records its live
     * streams follow, whichever instance projected them. Updates arrive on an event processor's thread, inside its unit
     * of work, so what follows is moved off it: a command sent from there would be nested in the processor's work.
     */
    public <R> Flux<R> live(Object query, Class<R> type) {
        return subscribed(query, type, Flux.empty());
    }

    /**
     * The first answer the query side has for the query, now or pushed later, within the catch-up timeout. For answers
     * that every instance pushes to the subscriptions it holds (a sign-up's decision): nothing is polled.
     */
    public <R> Mono<R> pushed(Object query, Class<R> type) {
        return subscribed(query, type, Flux.empty()).next().timeout(catchUp);
    }

    /**
     * The record, then each change to it, merged with {@code more}; distinct, off the processor's thread (see
     * {@link #live}).
     */
    private <R> Flux<R> subscribed(Object query, Class<R> type, Flux<R> more) {
        return following(() -> queries.subscriptionQuery(query, ResponseTypes.optionalInstanceOf(type),
                                                         ResponseTypes.optionalInstanceOf(type)),
                         (Mono<Optional<R>> initial, Flux<Optional<R>> updates) -> Flux.merge(
                                 Flux.concat(initial, updates).flatMap(Mono::justOrEmpty), more))
                .publishOn(Schedulers.boundedElastic())
                .distinctUntilChanged();
    }

    /**
     * A list once it shows what the caller expects. Each update the projection emits is a signal to ask again, and so is
     * each poll interval (for lists another instance projects; see {@link #visible}).
     */
    public <R> Mono<List<R>> visibleList(Object query, Class<R> type, Predicate<List<R>> expected) {
        return visibleFresh(fresh(query), type, expected);
    }

    private <R> Mono<List<R>> visibleFresh(Message<?> query, Class<R> type, Predicate<List<R>> expected) {
        return following(() -> queries.subscriptionQuery(query, ResponseTypes.multipleInstancesOf(type),
                                                         ResponseTypes.multipleInstancesOf(type)),
                         (Mono<List<R>> initial, Flux<List<R>> updates) -> Flux.merge(
                                 Flux.concat(initial, updates.concatMap(signal -> list(query, type))),
                                 polled(() -> list(query, type))))
                .publishOn(Schedulers.boundedElastic())
                .filter(expected).next().timeout(catchUp);
    }

    /**
     * The answers made of a subscription query's initial result and updates. When the subscriber goes away, the
     * subscription ends by a cancel of its updates, which takes it off the query side's list, and never by Axon's
     * close, which also completes it: an update the query side had picked up just before would then fail on the
     * completed subscription, and Axon logged that as an error. Left open, the subscription takes such an update
     * unheard. Updates never followed (the subscriber left before the initial result) are followed and let go at once.
     */
    private static <I, U, R> Flux<R> following(Supplier<SubscriptionQueryResult<I, U>> subscribe,
                                               BiFunction<Mono<I>, Flux<U>, Publisher<R>> answers) {
        return Flux.usingWhen(Mono.fromSupplier(subscribe),
                              result -> answers.apply(result.initialResult(), result.updates()),
                              result -> Mono.fromRunnable(() -> result.updates().onErrorComplete().subscribe()
                                                                      .dispose()));
    }

    /** The read again every poll interval; a tick that comes while a read is under way is dropped. */
    private <T> Flux<T> polled(Supplier<Mono<T>> read) {
        return Flux.interval(poll, poll).onBackpressureDrop().concatMap(tick -> read.get(), 0);
    }

    /**
     * The record once the view shows what the caller expects: the initial answer, then the updates the projection
     * emits, until one matches. Most views announce their changes only on the instance that projected them, so the
     * record is also read again every {@code platform.views.poll-interval} while this waits (a wait of at most the
     * catch-up timeout). A view that does not catch up in time ends in a TimeoutException (answered 503). The query
     * side answers these reads from the views as stored, never from its read caches, which may not have heard of the
     * write yet ({@link FreshReads}).
     */
    public <R> Mono<R> visible(Object query, Class<R> type, Predicate<R> expected) {
        Message<?> fresh = fresh(query);
        return subscribed(fresh, type, polled(() -> find(fresh, type))).filter(expected).next().timeout(catchUp);
    }

    private static Message<?> fresh(Object query) {
        return GenericMessage.asMessage(query).andMetaData(Map.of(FreshReads.METADATA, true));
    }
}
