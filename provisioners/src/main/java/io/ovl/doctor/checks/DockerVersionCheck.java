package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.facts.DockerInfo;

/** Docker is installed and dockerd answers; reports its Engine version. */
public final class DockerVersionCheck extends HostLocalCheck {
    @Override
    public String name() {
        return "docker.version";
    }

    @Override
    public String description() {
        return "Docker is installed and dockerd answers; its Engine version";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (host.facts().dockerInfo().value().isEmpty()) {
            String why = host.facts().dockerInfo().why();
            String hint = why.contains("not found (exit 127)")
                    ? "install Docker Engine (Debian/Ubuntu: apt-get install docker.io)"
                    : "start dockerd (`systemctl start docker`) and read `journalctl -u docker` if it fails";
            return Finding.fail("dockerd does not answer: " + why, hint);
        }
        DockerInfo info = host.facts().dockerInfo().value().get();
        return Finding.pass("Engine " + info.serverVersion().raw() + " is running");
    }
}
