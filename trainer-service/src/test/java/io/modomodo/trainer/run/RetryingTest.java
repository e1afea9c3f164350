package io.modomodo.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import io.modomodo.trainer.config.TrainerProperties;

class RetryingTest {

    final List<String> details = new ArrayList<>();
    final List<Duration> sleeps = new ArrayList<>();

    final Retrying.Waiter waiter = new Retrying.Waiter() {
        @Override
        public void waiting(String detail) {
            details.add(detail);
        }

        @Override
        public void resumed() {
            details.add("resumed");
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    };

    static Retrying retrying(Duration limit) {
        return new Retrying(new TrainerProperties.Runner(1, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofMillis(400), limit));
    }

    @Test
    void waitsOutConnectionFailuresAndServerErrorsWithDoublingBackOffThenReturnsTheAnswer() {
        AtomicInteger calls = new AtomicInteger();
        String answer = retrying(Duration.ofMinutes(1)).call("reward-service", () -> {
            int n = calls.incrementAndGet();
            if (n <= 2) {
                throw new ResourceAccessException("down", new IOException("Connection refused"));
            }
            if (n <= 4) {
                throw new HttpServerErrorException(HttpStatus.BAD_GATEWAY);
            }
            return "scored";
        }, waiter);
        assertThat(answer).isEqualTo("scored");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(400));
        assertThat(details.get(0)).startsWith("waiting for reward-service").contains("Connection refused")
                .contains("retry 1");
        assertThat(details).last().isEqualTo("resumed");
    }

    @Test
    void failsPastTheLimitNamingTheService() {
        assertThatThrownBy(() -> retrying(Duration.ZERO).call("rollout-service", () -> {
            throw new ResourceAccessException("down");
        }, waiter)).isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("rollout-service unreachable");
    }

    @Test
    void doesNotRetryARequestTheServiceRefused() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrying(Duration.ofMinutes(1)).call("reward-service", () -> {
            calls.incrementAndGet();
            throw new HttpClientErrorException(HttpStatus.BAD_REQUEST);
        }, waiter)).isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("refused the request (400)");
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesABusyService() {
        AtomicInteger calls = new AtomicInteger();
        int answer = retrying(Duration.ofMinutes(1)).call("rollout-service", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new HttpClientErrorException(HttpStatus.TOO_MANY_REQUESTS);
            }
            return 7;
        }, waiter);
        assertThat(answer).isEqualTo(7);
        assertThat(details.get(0)).contains("busy (429)");
    }
}
