package io.ovl.change;

import java.time.Duration;
import java.util.Objects;

/**
 * How init applies a plan.
 *
 * @param rolling      one host at a time, stopping at the first failure (else all hosts in parallel)
 * @param dockerWait   how long dockerd may take to answer its API after a restart
 * @param storeWait    how long the store may take to report healthy, and networks to show everywhere
 * @param pollInterval pause between attempts while waiting
 */
public record ApplyOptions(boolean rolling, Duration dockerWait, Duration storeWait, Duration pollInterval) {
    public ApplyOptions {
        Objects.requireNonNull(dockerWait, "dockerWait");
        Objects.requireNonNull(storeWait, "storeWait");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    public static ApplyOptions defaults(boolean rolling) {
        return new ApplyOptions(rolling, Duration.ofSeconds(90), Duration.ofSeconds(60), Duration.ofSeconds(1));
    }
}
