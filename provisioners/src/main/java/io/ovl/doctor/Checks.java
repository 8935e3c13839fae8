package io.ovl.doctor;

import io.ovl.doctor.checks.AdvertiseAddressCheck;
import io.ovl.doctor.checks.ClockSkew;
import io.ovl.doctor.checks.DockerModeCompat;
import io.ovl.doctor.checks.DockerVersionCheck;
import io.ovl.doctor.checks.DockerdClusterStore;
import io.ovl.doctor.checks.DockerdConfigConflict;
import io.ovl.doctor.checks.DockerdLogCheck;
import io.ovl.doctor.checks.EngineIdUnique;
import io.ovl.doctor.checks.EspReachable;
import io.ovl.doctor.checks.HostnameUnique;
import io.ovl.doctor.checks.KernelVersionCheck;
import io.ovl.doctor.checks.KernelVxlan;
import io.ovl.doctor.checks.KvHealthy;
import io.ovl.doctor.checks.KvReachable;
import io.ovl.doctor.checks.KvStoreExposed;
import io.ovl.doctor.checks.KvTlsFiles;
import io.ovl.doctor.checks.MtuHeadroom;
import io.ovl.doctor.checks.OverlayNetworksVisible;
import io.ovl.doctor.checks.PortsFree;
import io.ovl.doctor.checks.PortsReachable;
import io.ovl.doctor.checks.SshReachable;
import io.ovl.doctor.checks.SubnetOverlap;
import io.ovl.doctor.checks.SwarmEngineVersions;
import io.ovl.doctor.checks.SwarmManagersReachable;
import io.ovl.doctor.checks.SwarmNodeCheck;
import io.ovl.doctor.checks.SudoWorks;
import java.util.List;
import java.util.Optional;

/**
 * Every check, in the order the report lists them: access first, then each host, then between
 * hosts, then what only exists after setup.
 */
public final class Checks {
    public static final List<Check> ALL = List.of(
            new SshReachable(),
            new SudoWorks(),
            new KernelVersionCheck(),
            new KernelVxlan(),
            new DockerVersionCheck(),
            new DockerModeCompat(),
            new DockerdConfigConflict(),
            new DockerdLogCheck(),
            new AdvertiseAddressCheck(),
            new MtuHeadroom(),
            new SubnetOverlap(),
            new PortsFree(),
            new HostnameUnique(),
            new EngineIdUnique(),
            new ClockSkew(),
            new PortsReachable(),
            new EspReachable(),
            new KvReachable(),
            new KvHealthy(),
            new KvTlsFiles(),
            new KvStoreExposed(),
            new DockerdClusterStore(),
            new OverlayNetworksVisible(),
            new SwarmNodeCheck(),
            new SwarmManagersReachable(),
            new SwarmEngineVersions());

    private Checks() {
    }

    public static List<String> names() {
        return ALL.stream().map(Check::name).toList();
    }

    public static Optional<Check> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
