package io.ovl.render;

import io.ovl.facts.Protocol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container ovl creates through the Docker API, as a value: what init plans and dry-run shows.
 *
 * @param cmd           the command; empty means the image's own
 * @param env           in the template's order (as are {@code labels}), for stable plans
 * @param networkMode   Docker's network mode, "host" for the KV stores
 * @param listens       the host addresses and ports the process binds itself (with host networking
 *                      there is no Docker port publishing); doctor checks these are free and
 *                      reachable
 * @param restartPolicy Docker's restart policy name, "always" for the KV stores
 */
public record ContainerSpec(String name, String image, List<String> cmd, Map<String, String> env,
                            List<VolumeMount> volumes, String networkMode, List<Listen> listens,
                            String restartPolicy, Map<String, String> labels) {

    /**
     * A named volume mounted at {@code path} in the container; a {@code volume} starting with "/"
     * is a file or directory of the host, bind-mounted read-only (as with {@code docker run -v}).
     */
    public record VolumeMount(String volume, String path) {
        /** A host path bind-mounted read-only (the store's TLS files), not a named volume. */
        public boolean hostPath() {
            return volume.startsWith("/");
        }
    }

    /** An address and port the container's process listens on. */
    public record Listen(String ip, int port, Protocol protocol) {
    }

    public ContainerSpec {
        cmd = List.copyOf(cmd);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        volumes = List.copyOf(volumes);
        listens = List.copyOf(listens);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
