package io.ovl.facts;

/**
 * A setting given both in daemon.json and as a dockerd flag. dockerd refuses to start then:
 * "the following directives are specified both as a flag and in the configuration file".
 *
 * @param key       the daemon.json key, e.g. "cluster-store" or "hosts"
 * @param flag      the command-line flag as written, e.g. "--cluster-store" or "-H"
 * @param fileValue the value in daemon.json, as compact JSON
 */
public record DaemonJsonConflict(String key, String flag, String fileValue) {

    /** One line a person can act on. */
    public String describe() {
        return "daemon.json sets \"" + key + "\" (" + fileValue + ") and dockerd is also given " + flag
                + "; dockerd refuses to start with both: remove one of them";
    }
}
