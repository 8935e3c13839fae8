package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;

/** The kernel can really create a VXLAN device (module present, not blacklisted, allowed here). */
public final class KernelVxlan extends HostLocalCheck {
    @Override
    public String name() {
        return "kernel.vxlan";
    }

    @Override
    public String description() {
        return "the kernel can create a VXLAN device (tried for real, then removed)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (!host.host().overlay()) {
            return Finding.skip("not an overlay host");
        }
        return host.facts().vxlan().value().map(Finding::pass).orElseGet(() -> Finding.fail(
                "cannot create a VXLAN device: " + host.facts().vxlan().why(),
                "load the vxlan module (`modprobe vxlan`) or use a kernel built with CONFIG_VXLAN"));
    }
}
