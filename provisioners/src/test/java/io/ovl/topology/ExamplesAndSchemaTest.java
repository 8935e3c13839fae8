package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ovl.core.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema and ovl's validator describe the same file: every example passes both, and each
 * invalid file is refused by both. The schema is read from the jar's resources, where the build
 * puts examples/topology.schema.json, so this also checks that it ships.
 */
class ExamplesAndSchemaTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path INVALID = Path.of("src", "test", "resources", "invalid");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonSchema schema() throws IOException {
        try (InputStream in = ExamplesAndSchemaTest.class.getResourceAsStream("/io/ovl/schema/topology.schema.json")) {
            assertTrue(in != null, "schema is packaged under io/ovl/schema/");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Stream<Path> yamlIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Path> examples() throws IOException {
        return yamlIn(EXAMPLES);
    }

    static Stream<Path> invalid() throws IOException {
        return yamlIn(INVALID);
    }

    @Test
    void theRequiredExamplesExist() throws IOException {
        List<String> names = examples().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("guide-consul.yaml", "etcd-cluster.yaml", "swarm.yaml")), names.toString());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsValidForOvlWithoutWarnings(Path file) {
        LoadResult r = new TopologyLoader(Path.of("/home/test")).load(file);
        assertEquals(List.of(), r.problems().stream().map(Finding::format).toList());
        assertTrue(r.topology().isPresent());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsValidForTheSchemaAndPointsAtIt(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.startsWith("# yaml-language-server: $schema=./topology.schema.json\n"), file.toString());
        Set<ValidationMessage> errors = schema().validate(YAML.readTree(text));
        assertEquals(Set.of(), errors, file.toString());
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidFileIsRefusedByBoth(Path file) throws IOException {
        LoadResult r = new TopologyLoader(Path.of("/home/test")).load(file);
        assertFalse(r.valid(), file + " should be invalid for ovl");
        JsonNode tree = YAML.readTree(file.toFile());
        assertFalse(schema().validate(tree).isEmpty(), file + " should be invalid for the schema");
    }

    @Test
    void driverOptionsAreAMapOfPlainNamesBesideEncryptedAndMtu() throws IOException {
        String network = "mode: swarm\nhosts: [{name: node1, address: 198.18.0.11}]\nnetworks:\n"
                + "  - {name: web, subnet: 172.16.16.0/24, encrypted: true, mtu: 1400, options: %s}\n";
        JsonSchema schema = schema();
        assertEquals(Set.of(), schema.validate(YAML.readTree(String.format(network,
                "{com.docker.network.driver.overlay.vxlanid_list: '4097', com.example.bare: ''}"))));
        for (String bad : List.of("{'': x}", "{'a=b': x}", "{'a b': x}", "{com.docker.network.driver.mtu: 1400}")) {
            assertFalse(schema.validate(YAML.readTree(String.format(network, bad))).isEmpty(), bad);
        }
    }

    @Test
    void theGuideExampleIsTheGuideLayout() {
        Topology t = new TopologyLoader(Path.of("/home/test")).load(EXAMPLES.resolve("guide-consul.yaml")).orThrow();
        assertEquals(Mode.KV, t.mode());
        assertEquals(KvBackend.CONSUL, t.kvStore().orElseThrow().backend());
        assertEquals(4, t.hosts().size());
        assertEquals(3, t.overlayHosts().size());
        NetworkSpec n = t.networks().get(0);
        assertEquals("myoverlay", n.name());
        assertEquals("172.16.16.0/24", n.pools().get(0).subnet().toString());
        assertEquals("172.16.16.128/25", n.pools().get(0).ipRange().orElseThrow().toString());
        assertEquals("172.16.16.2", n.auxAddresses().get("ip2").toString());
    }
}
