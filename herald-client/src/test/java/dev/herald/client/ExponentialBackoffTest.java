package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

    private static final Duration BASE = Duration.ofMillis(100);

    private static List<Long> delays(BackoffStrategy strategy, Duration base, int count) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BackoffStrategy.Step step = strategy.next(base);
            delays.add(step.delay().toMillis());
            strategy = step.next();
        }
        return delays;
    }

    @Test
    void withoutJitterEachDelayDoublesUntilTheCap() {
        BackoffStrategy strategy = ExponentialBackoff.defaults().withJitter(0).withMaxDelay(Duration.ofSeconds(1));

        assertThat(delays(strategy, BASE, 7)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
    }

    @Test
    void jitterOnlyShortensDelaysAndByAtMostItsShare() {
        BackoffStrategy strategy = ExponentialBackoff.defaults().withJitter(0.5).withRandom(new Random(42));
        List<Long> unjittered = delays(ExponentialBackoff.defaults().withJitter(0), BASE, 8);

        List<Long> jittered = delays(strategy, BASE, 8);

        for (int i = 0; i < jittered.size(); i++) {
            assertThat(jittered.get(i)).isBetween(unjittered.get(i) / 2, unjittered.get(i));
        }
    }

    @Test
    void jitterSpreadsClientsThatFailedTogether() {
        Set<Long> firstDelays = new HashSet<>();
        for (int client = 0; client < 50; client++) {
            firstDelays.add(ExponentialBackoff.defaults().withRandom(new SplittableRandom(client)).next(Duration.ofSeconds(10))
                    .delay().toMillis());
        }

        assertThat(firstDelays).hasSizeGreaterThan(40);
    }

    @Test
    void aStrategyIsAnImmutableValueThatReturnsItsSuccessor() {
        ExponentialBackoff first = ExponentialBackoff.defaults().withJitter(0);

        BackoffStrategy.Step step = first.next(BASE);

        assertThat(first.attempt()).isZero();
        assertThat(((ExponentialBackoff) step.next()).attempt()).isEqualTo(1);
        assertThat(first.next(BASE).delay()).isEqualTo(step.delay());
    }

    @Test
    void aRetryLargerThanTheCapIsStillHonoured() {
        BackoffStrategy strategy = ExponentialBackoff.defaults().withJitter(0).withMaxDelay(Duration.ofSeconds(1));

        assertThat(delays(strategy, Duration.ofSeconds(5), 3)).containsExactly(5000L, 5000L, 5000L);
    }

    @Test
    void aZeroRetryCannotMakeRepeatedFailuresSpin() {
        BackoffStrategy strategy = ExponentialBackoff.defaults().withJitter(0);

        assertThat(delays(strategy, Duration.ZERO, 3)).containsExactly(0L, 200L, 400L);
    }

    @Test
    void manyFailuresNeverOverflowPastTheCap() {
        BackoffStrategy strategy = ExponentialBackoff.defaults().withJitter(0);

        assertThat(delays(strategy, BASE, 200)).last().isEqualTo(ExponentialBackoff.DEFAULT_MAX_DELAY.toMillis());
    }

    @Test
    void theConstantStrategyAlwaysWaitsTheReconnectionTime() {
        assertThat(delays(BackoffStrategy.constant(), Duration.ofMillis(3000), 4)).containsOnly(3000L);
    }

    @Test
    void invalidSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> ExponentialBackoff.defaults().withMultiplier(0.5)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> ExponentialBackoff.defaults().withJitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> ExponentialBackoff.defaults().withMaxDelay(Duration.ZERO)).hasMessageContaining("maxDelay");
    }
}
