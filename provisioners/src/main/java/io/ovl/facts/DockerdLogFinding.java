package io.ovl.facts;

/**
 * A line of dockerd's log that explains a broken multi-host setup.
 *
 * @param lineNumber 1-based, in the text that was scanned
 */
public record DockerdLogFinding(Kind kind, int lineNumber, String line) {

    /** What the line means, with the fix an operator should try. */
    public enum Kind {
        /**
         * dockerd could not reach or watch its --cluster-store. A dockerd 20.10 that started while
         * the store was unreachable stays out of the cluster even after the store is back: restart
         * dockerd once the store answers from this host.
         */
        DISCOVERY_ERROR("dockerd cannot use its cluster store; once the store answers from this host, restart dockerd"),
        /**
         * dockerd rejected a command-line flag; for --cluster-store this is Engine 23 or newer,
         * which removed the flag, and dockerd stays down: use mode swarm on such hosts.
         */
        UNKNOWN_FLAG("dockerd rejected a flag and did not start; Engine 23+ has no --cluster-store: use mode: swarm"),
        /**
         * dockerd refused /etc/docker/daemon.json: a key also given as a flag, or a key this Engine
         * does not know (Engine 23+ rejects "cluster-store"), and did not start.
         */
        CONFIG_REJECTED("dockerd refused daemon.json (a key also given as a flag, or unknown to this Engine) and did not start");

        private final String hint;

        Kind(String hint) {
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }
}
