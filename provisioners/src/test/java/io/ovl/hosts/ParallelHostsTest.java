package io.ovl.hosts;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's ordering, isolation and bound, with plain functions (SSH is in LabSshIT). */
class ParallelHostsTest {

    @Test
    void resultsFollowInputOrderNotCompletionOrder() {
        List<String> hosts = List.of("h1", "h2", "h3", "h4");
        // Each host finishes only after the next one did: completion order is h4, h3, h2, h1.
        List<CountDownLatch> done = hosts.stream().map(h -> new CountDownLatch(1)).toList();
        List<HostResult<String>> results = new ParallelHosts(4).forEach(hosts, Function.identity(), h -> {
            int i = hosts.indexOf(h);
            if (i + 1 < hosts.size()) {
                await(done.get(i + 1));
            }
            done.get(i).countDown();
            return "value-" + h;
        });
        assertEquals(hosts, results.stream().map(HostResult::host).toList());
        assertEquals(List.of("value-h1", "value-h2", "value-h3", "value-h4"),
                results.stream().map(r -> r.value().orElseThrow()).toList());
    }

    @Test
    void oneHostsErrorStaysWithThatHost() {
        OvlException dead = new OvlException(ExitCode.HOST_FAILED, "host h2: connect to 198.18.0.12:22: timed out after 10s");
        List<HostResult<Integer>> results = new ParallelHosts(2).forEach(List.of("h1", "h2", "h3"), Function.identity(), h -> {
            if (h.equals("h2")) {
                throw dead;
            }
            if (h.equals("h3")) {
                throw new IllegalStateException("bug");
            }
            return 1;
        });
        assertEquals(1, results.get(0).value().orElseThrow());
        assertSame(dead, results.get(1).error().orElseThrow());
        assertFalse(results.get(2).succeeded());
        OvlException wrapped = results.get(2).error().orElseThrow();
        assertEquals(ExitCode.SOFTWARE, wrapped.exitCode());
        assertTrue(wrapped.getMessage().startsWith("host h3: unexpected error: java.lang.IllegalStateException: bug"));
    }

    @Test
    void neverRunsMoreThanTheBoundAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch twoRunning = new CountDownLatch(2);
        List<HostResult<Integer>> results = new ParallelHosts(2).forEach(List.of("a", "b", "c", "d", "e", "f"),
                Function.identity(), h -> {
                    max.accumulateAndGet(running.incrementAndGet(), Math::max);
                    twoRunning.countDown();
                    await(twoRunning);
                    running.decrementAndGet();
                    return 0;
                });
        assertEquals(6, results.size());
        assertTrue(results.stream().allMatch(HostResult::succeeded));
        assertEquals(2, max.get(), "two at once, never more");
    }

    @Test
    void aSlowHostDoesNotHoldBackTheOthers() {
        // h1 can only finish once h2 and h3 have finished: run one after another, this would deadlock.
        CountDownLatch othersDone = new CountDownLatch(2);
        List<HostResult<String>> results = new ParallelHosts(3).forEach(List.of("h1", "h2", "h3"), Function.identity(), h -> {
            if (h.equals("h1")) {
                if (!await(othersDone)) {
                    throw new OvlException(ExitCode.HOST_FAILED, "host h1: others were held back");
                }
            } else {
                othersDone.countDown();
            }
            return h;
        });
        assertTrue(results.stream().allMatch(HostResult::succeeded), results.toString());
    }

    @Test
    void emptyInputAndBadBound() {
        assertEquals(List.of(), new ParallelHosts().forEach(List.<String>of(), Function.identity(), h -> h));
        assertEquals(ParallelHosts.DEFAULT_PARALLELISM, new ParallelHosts().parallelism());
        assertThrows(IllegalArgumentException.class, () -> new ParallelHosts(0));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
