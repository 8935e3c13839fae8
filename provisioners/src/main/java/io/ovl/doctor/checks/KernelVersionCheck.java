package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.KernelVersion;

/** Docker's overlay driver needs kernel 3.16 or newer (VXLAN with the features it uses). */
public final class KernelVersionCheck extends HostLocalCheck {
    static final int MIN_MAJOR = 3;
    static final int MIN_MINOR = 16;

    @Override
    public String name() {
        return "kernel.version";
    }

    @Override
    public String description() {
        return "Linux kernel " + MIN_MAJOR + "." + MIN_MINOR + " or newer (needed by Docker's overlay driver)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (host.facts().kernel().value().isEmpty()) {
            return missing("the kernel version", host.facts().kernel());
        }
        KernelVersion k = host.facts().kernel().value().get();
        if (k.atLeast(MIN_MAJOR, MIN_MINOR)) {
            return Finding.pass("kernel " + k.release());
        }
        return Finding.fail("kernel " + k.release() + " is older than " + MIN_MAJOR + "." + MIN_MINOR,
                "upgrade the kernel to " + MIN_MAJOR + "." + MIN_MINOR + " or newer");
    }
}
