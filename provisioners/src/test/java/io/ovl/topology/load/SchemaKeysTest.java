package io.ovl.topology.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema and the reader know exactly the same keys at every spot, so the two cannot drift apart. */
class SchemaKeysTest {
    static JsonNode schema;

    @BeforeAll
    static void readSchema() throws IOException {
        try (InputStream in = SchemaKeysTest.class.getResourceAsStream("/io/ovl/schema/topology.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
    }

    static Set<String> keysAt(String pointer) {
        Set<String> keys = new TreeSet<>();
        schema.at(pointer).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static void same(List<String> readerKeys, String pointer) {
        assertEquals(new TreeSet<>(readerKeys), keysAt(pointer), pointer);
    }

    @Test
    void everySectionHasTheSameKeys() {
        same(TopologyReader.KEYS, "/properties");
        same(SshBinder.KEYS, "/$defs/ssh/properties");
        same(KvStoreBinder.KEYS, "/properties/kv-store/properties");
        same(KvTlsBinder.KEYS, "/properties/kv-store/properties/tls/properties");
        same(SwarmBinder.KEYS, "/properties/swarm/properties");
        same(HostBinder.KEYS, "/$defs/host/properties");
        same(NetworkBinder.KEYS, "/$defs/network/properties");
    }
}
