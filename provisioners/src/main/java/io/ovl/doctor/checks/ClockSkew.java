package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.Check;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.ClockSample;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts agree on the time. Each host's clock is compared with the median of all hosts (so one
 * wrong clock, including this machine's, does not blame every host), allowing for the round
 * trip of the measurement. Swarm certificates and store leases misbehave with skewed clocks.
 */
public final class ClockSkew implements Check {
    public static final Duration WARN_ABOVE = Duration.ofSeconds(1);
    public static final Duration FAIL_ABOVE = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "clock.skew";
    }

    @Override
    public String description() {
        return "host clocks agree (warn above " + WARN_ABOVE.toSeconds() + " s, fail above " + FAIL_ABOVE.toSeconds() + " s)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    public List<Finding> evaluate(DoctorContext context) {
        List<Duration> offsets = context.reachedHosts().stream()
                .flatMap(h -> h.facts().clock().value().stream()).map(ClockSample::offset).sorted().toList();
        List<Finding> out = new ArrayList<>();
        for (GatheredHost h : context.hosts()) {
            Finding v;
            if (!h.reached()) {
                v = Finding.skip("host not reached (see ssh.reachable)");
            } else if (h.facts().clock().value().isEmpty()) {
                v = Finding.skip("clock unknown: " + h.facts().clock().why());
            } else if (offsets.size() < 2) {
                v = Finding.skip("only one host's clock known; nothing to compare");
            } else {
                v = judge(h.facts().clock().value().get(), offsets.get(offsets.size() / 2));
            }
            out.add(v.on(h.name()));
        }
        return out;
    }

    static Finding judge(ClockSample sample, Duration median) {
        Duration skew = sample.offset().minus(median);
        // The measurement is only good to within half the round trip: never blame a host for that.
        Duration certain = skew.abs().minus(sample.uncertainty());
        String text = String.format("clock %s the hosts' median by %.3f s (±%.3f s)",
                skew.isNegative() ? "behind" : "ahead of", skew.abs().toMillis() / 1000.0,
                sample.uncertainty().toMillis() / 1000.0);
        if (certain.compareTo(FAIL_ABOVE) > 0) {
            return Finding.fail(text, "synchronise clocks with NTP (`timedatectl set-ntp true`, chrony or systemd-timesyncd)");
        }
        if (certain.compareTo(WARN_ABOVE) > 0) {
            return Finding.warn(text, "synchronise clocks with NTP");
        }
        return Finding.pass(text);
    }
}
