package io.ovl.render;

import java.util.List;

/**
 * TLS files for dockerd's connection to the cluster store, as paths ON THE DOCKER HOST. Rendered
 * as --cluster-store-opt kv.cacertfile=..., kv.certfile=..., kv.keyfile=... .
 */
public record StoreTls(String caCertFile, String certFile, String keyFile) {

    public StoreTls {
        for (String path : List.of(caCertFile, certFile, keyFile)) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("TLS file paths must be absolute on the host: '" + path + "'");
            }
        }
    }

    /** The option values in dockerd's order of documentation. */
    public List<String> storeOpts() {
        return List.of("kv.cacertfile=" + caCertFile, "kv.certfile=" + certFile, "kv.keyfile=" + keyFile);
    }
}
