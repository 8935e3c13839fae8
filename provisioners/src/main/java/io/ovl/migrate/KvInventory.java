package io.ovl.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.net.OverlayNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What kv mode held that swarm mode must get: the kv overlays and the containers attached to them.
 * Read from the hosts while dockerd still runs with the store; once the store is gone from dockerd
 * nothing on the hosts shows it any more, so migrate saves it on the hosts ({@link #PATH}) before
 * the first change, and a re-run after a failure reads it back and finishes the job.
 *
 * @param clusterStore the store dockerd ran with, as docker info showed it (kept, not removed)
 * @param networks     the kv overlays, as {@code docker network inspect} showed them (endpoints dropped)
 */
public record KvInventory(Optional<String> clusterStore, List<OverlayNetwork> networks, List<Attachment> attachments) {
    /** On every overlay host; under /var/lib so it outlives a reboot, unlike the run lock. */
    public static final String PATH = "/var/lib/ovl/kv-migration.json";
    static final String FORMAT = "ovl-kv-inventory/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public KvInventory {
        Objects.requireNonNull(clusterStore, "clusterStore");
        networks = List.copyOf(networks);
        attachments = List.copyOf(attachments);
    }

    public static KvInventory empty() {
        return new KvInventory(Optional.empty(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return networks.isEmpty() && attachments.isEmpty();
    }

    public Optional<OverlayNetwork> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * This inventory with what {@code other} adds: networks by name (this one's definition wins, it
     * is the fresher read), attachments by host, container and network.
     */
    public KvInventory merge(KvInventory other) {
        Map<String, OverlayNetwork> nets = new LinkedHashMap<>();
        networks.forEach(n -> nets.put(n.name(), n));
        other.networks.forEach(n -> nets.putIfAbsent(n.name(), n));
        Map<List<String>, Attachment> atts = new LinkedHashMap<>();
        attachments.forEach(a -> atts.put(List.of(a.host(), a.container(), a.network()), a));
        other.attachments.forEach(a -> atts.putIfAbsent(List.of(a.host(), a.container(), a.network()), a));
        return new KvInventory(clusterStore.or(other::clusterStore), List.copyOf(nets.values()), List.copyOf(atts.values()));
    }

    /** The file's text: networks in {@code docker network inspect}'s own shape, so one parser reads both. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        clusterStore.ifPresent(s -> root.put("cluster-store", s));
        ArrayNode nets = root.putArray("networks");
        for (OverlayNetwork n : networks) {
            ObjectNode o = nets.addObject();
            o.put("Name", n.name());
            o.put("Id", n.id());
            o.put("Driver", n.driver());
            o.put("Scope", n.scope());
            o.put("Internal", n.internal());
            o.put("Attachable", n.attachable());
            ArrayNode config = o.putObject("IPAM").putArray("Config");
            for (OverlayNetwork.Ipam i : n.ipam()) {
                ObjectNode c = config.addObject();
                c.put("Subnet", i.subnet());
                i.ipRange().ifPresent(r -> c.put("IPRange", r));
                i.gateway().ifPresent(g -> c.put("Gateway", g));
                ObjectNode aux = c.putObject("AuxiliaryAddresses");
                i.auxAddresses().forEach(aux::put);
            }
            ObjectNode options = o.putObject("Options");
            n.options().forEach(options::put);
            ObjectNode labels = o.putObject("Labels");
            n.labels().forEach(labels::put);
        }
        ArrayNode atts = root.putArray("attachments");
        for (Attachment a : attachments) {
            ObjectNode o = atts.addObject();
            o.put("host", a.host());
            o.put("container", a.container());
            o.put("network", a.network());
            o.put("ipv4", a.ipv4());
            o.put("stopped", a.stopped());
        }
        return root.toPrettyString() + "\n";
    }

    /** @throws UnparseableOutputException naming what is wrong, for a file this version did not write */
    public static KvInventory parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new UnparseableOutputException(PATH + ": not JSON: " + e.getMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new UnparseableOutputException(PATH + ": not an inventory of format " + FORMAT);
        }
        List<OverlayNetwork> nets = OverlayNetwork.parseInspect(root.path("networks").toString());
        List<Attachment> atts = new ArrayList<>();
        for (JsonNode a : root.path("attachments")) {
            atts.add(new Attachment(a.path("host").asText(), a.path("container").asText(), a.path("network").asText(),
                    a.path("ipv4").asText(""), a.path("stopped").asBoolean(false))); // absent in files of 0.1: running
        }
        String store = root.path("cluster-store").asText("");
        return new KvInventory(store.isEmpty() ? Optional.empty() : Optional.of(store), nets, atts);
    }
}
