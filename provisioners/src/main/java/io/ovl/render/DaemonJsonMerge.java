package io.ovl.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.DaemonJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For hosts without systemd: puts ovl's cluster keys into /etc/docker/daemon.json and takes them
 * out again, keeping every other key and the order of keys.
 *
 * <p>Keys: "cluster-store", "cluster-advertise" and, with TLS, "cluster-store-opts" (an object,
 * as dockerd reads it). A key already there with another value is a conflict: ovl reports it and
 * changes nothing, rather than overwrite a setting someone made on purpose.
 */
public final class DaemonJsonMerge {
    public static final List<String> KEYS = List.of("cluster-store", "cluster-advertise", "cluster-store-opts");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DaemonJsonMerge() {
    }

    /**
     * @param text    the new daemon.json text (two-space indent, trailing newline)
     * @param changed false when the file already held exactly these keys: nothing to write, no restart
     */
    public record Result(String text, boolean changed) {
    }

    /** The keys and values ovl sets for {@code settings}. */
    public static ObjectNode clusterKeys(ClusterSettings settings) {
        ObjectNode keys = JSON.createObjectNode();
        keys.put("cluster-store", settings.storeUrl());
        keys.put("cluster-advertise", settings.advertiseValue());
        settings.tls().ifPresent(tls -> {
            ObjectNode opts = keys.putObject("cluster-store-opts");
            for (String opt : tls.storeOpts()) {
                String[] kv = opt.split("=", 2);
                opts.put(kv[0], kv[1]);
            }
        });
        return keys;
    }

    /**
     * @param existing the current daemon.json text ("" when there is none)
     * @throws io.ovl.facts.UnparseableOutputException when {@code existing} is not valid JSON
     * @throws OvlException (CHECKS_FAILED) naming every key that is already set to another value
     */
    public static Result merge(String existing, ClusterSettings settings) {
        ObjectNode file = DaemonJson.parse(existing);
        ObjectNode wanted = clusterKeys(settings);
        Map<String, String> conflicts = new LinkedHashMap<>();
        wanted.fields().forEachRemaining(e -> {
            JsonNode current = file.get(e.getKey());
            if (current != null && !current.equals(e.getValue())) {
                conflicts.put(e.getKey(), current + " (ovl wants " + e.getValue() + ")");
            }
        });
        // A TLS setup that ovl no longer configures must not linger either.
        if (!wanted.has("cluster-store-opts") && file.has("cluster-store-opts")) {
            conflicts.put("cluster-store-opts", file.get("cluster-store-opts") + " (ovl sets no store options)");
        }
        if (!conflicts.isEmpty()) {
            List<String> parts = new ArrayList<>();
            conflicts.forEach((k, v) -> parts.add("\"" + k + "\" is " + v));
            throw new OvlException(ExitCode.CHECKS_FAILED, DaemonJson.PATH + " already sets " + String.join(", ", parts)
                    + "; remove these keys (or run `ovl reset` if an earlier ovl set them) and run again");
        }
        boolean changed = false;
        for (String key : KEYS) {
            if (wanted.has(key) && !file.has(key)) {
                file.set(key, wanted.get(key));
                changed = true;
            }
        }
        return new Result(changed ? write(file) : existing, changed);
    }

    /** daemon.json without ovl's keys, for `ovl reset`; unchanged when none of them is there. */
    public static Result remove(String existing) {
        ObjectNode file = DaemonJson.parse(existing);
        boolean changed = false;
        for (String key : KEYS) {
            changed |= file.remove(key) != null;
        }
        return new Result(changed ? write(file) : existing, changed);
    }

    private static String write(ObjectNode file) {
        // "key": value, as people write daemon.json (Jackson's default is "key" : value)
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(file) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising a JSON tree cannot fail", e);
        }
    }
}
