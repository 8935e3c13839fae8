package io.ovl.ssh;

import java.nio.file.Path;
import java.util.List;

/** The outcome of looking a host key up in known_hosts files. */
public sealed interface KnownHostsCheck {

    /** The key is listed for this host. */
    record Known(Path file, int line) implements KnownHostsCheck {
    }

    /** No entry of this key type for this host in any of the files. */
    record Unknown(List<Path> searched) implements KnownHostsCheck {
        public Unknown {
            searched = List.copyOf(searched);
        }
    }

    /** An entry of the same key type exists for this host, with a different key. */
    record Changed(Path file, int line) implements KnownHostsCheck {
    }

    /** The key is marked {@code @revoked}. */
    record Revoked(Path file, int line) implements KnownHostsCheck {
    }
}
