package community.platform.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordChecksTest {

    /** Holds every check until let go, and counts how many run at once. */
    private static class HeldChecks implements PasswordEncoder {
        final CountDownLatch letGo = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return letGo.await(10, TimeUnit.SECONDS) && raw.toString().equals(encoded);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void atMostTheBoundRunAtOnceAFewWaitAndBeyondThatACheckIsRefusedAtOnce() throws Exception {
        HeldChecks encoder = new HeldChecks();
        PasswordChecks checks = new PasswordChecks(encoder, 2, 3);
        try {
            // two run, three wait
            var admitted = java.util.stream.IntStream.range(0, 5)
                                                     .mapToObj(i -> checks.matches("pw", "pw").toFuture()).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (encoder.running.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThatThrownBy(() -> checks.matches("pw", "pw").block(Duration.ofSeconds(1)))
                    .isInstanceOf(SignInBusyException.class);

            encoder.letGo.countDown();
            for (var answer : admitted) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(encoder.mostAtOnce.get()).isEqualTo(2);
            // the places are given back: a check is admitted again
            assertThat(checks.matches("pw", "other").block(Duration.ofSeconds(10))).isFalse();
        } finally {
            checks.stop();
        }
    }

    @Test
    void aCheckThatIsNeverSubscribedTakesNoPlace() {
        PasswordChecks checks = new PasswordChecks(new HeldChecks() {
            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return true;
            }
        }, 1, 0);
        try {
            Mono<Boolean> unused = checks.matches("pw", "pw");
            assertThat(unused).isNotNull();
            assertThat(checks.matches("pw", "pw").block(Duration.ofSeconds(10))).isTrue();
        } finally {
            checks.stop();
        }
    }
}
