package io.ovl.render;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.ExecStart;
import io.ovl.facts.SystemdUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the systemd drop-in that adds ovl's cluster flags to docker.service, from
 * templates/dockerd-cluster.conf.
 *
 * <p>The new ExecStart is the host's own effective ExecStart, as read from the unit WITHOUT ovl's
 * drop-in (so re-running gives the same file), with its text kept verbatim (so "$DOCKER_OPTS" and
 * specifiers keep their meaning) and ovl's flags appended, each quoted for systemd.
 */
public final class DockerdDropIn {
    public static final String DIRECTORY = "/etc/systemd/system/docker.service.d";
    public static final String FILE_NAME = "10-ovl-cluster.conf";
    public static final String PATH = DIRECTORY + "/" + FILE_NAME;
    private static final List<String> OVL_FLAGS = List.of("cluster-store", "cluster-advertise", "cluster-store-opt");

    private DockerdDropIn() {
    }

    /**
     * @param unit the output of {@code systemctl cat docker}, parsed; ovl's own drop-in in it is ignored
     * @throws OvlException (CHECKS_FAILED) when the host's ExecStart already sets a cluster flag:
     *                      ovl will not guess which one should win
     */
    public static RenderedFile render(SystemdUnit unit, ClusterSettings settings) {
        ExecStart base = unit.withoutDropIn(FILE_NAME).effectiveExecStart();
        for (String arg : base.arguments()) {
            String flag = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
            if (OVL_FLAGS.contains(flag)) {
                throw new OvlException(ExitCode.CHECKS_FAILED, base.sourceFile() + ": ExecStart already passes --"
                        + flag + " to dockerd; remove it there (ovl adds its own in " + PATH + ") and run again");
            }
        }
        String execStart = base.prefix() + base.commandLine() + " " + SystemdQuoting.join(settings.dockerdFlags());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("store-url", settings.storeUrl());
        values.put("advertise", settings.advertiseValue());
        values.put("base-source", base.sourceFile());
        values.put("path", PATH);
        values.put("exec-start", execStart);
        return new RenderedFile(PATH, Template.load("dockerd-cluster.conf").render(values));
    }

    /** The flags dockerd will get from the drop-in, for checks against daemon.json ({@link DaemonJson#conflicts}). */
    public static List<String> resultingArguments(SystemdUnit unit, ClusterSettings settings) {
        List<String> args = new ArrayList<>(unit.withoutDropIn(FILE_NAME).effectiveExecStart().arguments());
        args.addAll(settings.dockerdFlags());
        return List.copyOf(args);
    }
}
