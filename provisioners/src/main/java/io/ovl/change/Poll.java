package io.ovl.change;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Asks again until an answer comes or the time is up; for daemons and stores that are starting. */
public final class Poll {
    private Poll() {
    }

    public static <T> Optional<T> until(Duration timeout, Duration interval, Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent() || System.nanoTime() - deadline >= 0) {
                return answer;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OvlException(ExitCode.INTERRUPTED, "interrupted while waiting", e);
            }
        }
    }
}
