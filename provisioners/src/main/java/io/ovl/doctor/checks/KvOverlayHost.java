package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.topology.Mode;
import java.util.Optional;

/** The hosts the kv-mode checks look at: overlay hosts of a topology in kv mode with a store. */
final class KvOverlayHost {
    private KvOverlayHost() {
    }

    /** Why a kv-mode check does not apply to {@code host}, as its skip verdict; empty when it does. */
    static Optional<Finding> skipUnlessOne(DoctorContext context, GatheredHost host) {
        if (context.topology().mode() != Mode.KV || context.topology().kvStore().isEmpty()) {
            return Optional.of(Finding.skip("not kv mode"));
        }
        if (!host.host().overlay()) {
            return Optional.of(Finding.skip("not an overlay host"));
        }
        return Optional.empty();
    }
}
