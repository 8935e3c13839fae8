package io.ovl.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads /etc/docker/daemon.json the way dockerd does, and finds settings that clash with dockerd
 * flags. dockerd accepts an empty (or all-whitespace) file and ignores a UTF-8 byte order mark.
 */
public final class DaemonJson {
    public static final String PATH = "/etc/docker/daemon.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Flags whose daemon.json key is not the flag's own name (moby's "NamedOption"s, mostly list
     * flags whose key is plural). Every other flag uses its long name as the key.
     */
    private static final Map<String, String> KEY_OF_FLAG = Map.ofEntries(
            Map.entry("host", "hosts"),
            Map.entry("label", "labels"),
            Map.entry("cluster-store-opt", "cluster-store-opts"),
            Map.entry("storage-opt", "storage-opts"),
            Map.entry("log-opt", "log-opts"),
            Map.entry("exec-opt", "exec-opts"),
            Map.entry("insecure-registry", "insecure-registries"),
            Map.entry("registry-mirror", "registry-mirrors"),
            Map.entry("dns-opt", "dns-opts"),
            Map.entry("default-ulimit", "default-ulimits"),
            Map.entry("authorization-plugin", "authorization-plugins"),
            Map.entry("node-generic-resource", "node-generic-resources"),
            Map.entry("default-address-pool", "default-address-pools"),
            Map.entry("feature", "features"));

    /** dockerd's single-letter shorthands that matter for daemon.json keys. */
    private static final Map<Character, String> LONG_OF_SHORT = Map.of(
            'H', "host", 'D', "debug", 'l', "log-level", 'G', "group", 'b', "bridge", 'p', "pidfile",
            's', "storage-driver", 'g', "graph");

    /** "runtimes" may be in both places (moby's skipDuplicates). */
    private static final Set<String> MAY_BE_DUPLICATED = Set.of("runtimes");

    private DaemonJson() {
    }

    /**
     * Parses daemon.json text into its top-level object; empty text is an empty object.
     *
     * @throws UnparseableOutputException naming the line and column for invalid JSON, or when the
     *                                    top level is not an object
     */
    public static ObjectNode parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UnparseableOutputException(PATH + DockerJson.at(e).replace(" at line", " line")
                    + ": not valid JSON (" + e.getOriginalMessage()
                    + "); dockerd will not start until it is fixed", e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new UnparseableOutputException(PATH + ": expected a JSON object {...} at the top level, got "
                    + root.getNodeType());
        }
        return object;
    }

    /**
     * The daemon.json keys that clash with flags in {@code dockerdArgs}.
     *
     * @param daemonJsonText the file's text ("" when there is no file)
     * @param dockerdArgs    dockerd's arguments (without the program), e.g. the effective ExecStart
     *                       of docker.service plus the flags ovl's drop-in adds. Unexpanded
     *                       environment references such as "$DOCKER_OPTS" cannot be judged here and
     *                       are skipped.
     */
    public static List<DaemonJsonConflict> conflicts(String daemonJsonText, List<String> dockerdArgs) {
        ObjectNode file = parse(daemonJsonText);
        List<DaemonJsonConflict> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String arg : dockerdArgs) {
            Optional<String> longName = flagName(arg);
            if (longName.isEmpty()) {
                continue;
            }
            String key = KEY_OF_FLAG.getOrDefault(longName.get(), longName.get());
            if (file.has(key) && !MAY_BE_DUPLICATED.contains(key) && seen.add(key)) {
                String flag = arg.startsWith("--") ? "--" + longName.get() : arg.substring(0, 2);
                found.add(new DaemonJsonConflict(key, flag, file.get(key).toString()));
            }
        }
        return List.copyOf(found);
    }

    /** "--cluster-store=x" and "--cluster-store" give "cluster-store"; "-H" and "-Hfd://" give "host". */
    static Optional<String> flagName(String arg) {
        if (arg.startsWith("--") && arg.length() > 2) {
            int eq = arg.indexOf('=');
            return Optional.of(eq < 0 ? arg.substring(2) : arg.substring(2, eq));
        }
        if (arg.startsWith("-") && arg.length() >= 2 && LONG_OF_SHORT.containsKey(arg.charAt(1))) {
            return Optional.of(LONG_OF_SHORT.get(arg.charAt(1)));
        }
        return Optional.empty();
    }
}
