package io.ovl.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The worst inputs the properties found, kept as files and run as ordinary tests with the same
 * checks: {@code corpus/validate/*} are topology files (any bytes) for {@code ovl validate},
 * {@code corpus/args/*.json} are command lines (a JSON array of strings; "%TOPO%" is a valid
 * topology of unreachable loopback hosts), {@code corpus/env/*} are values of $OVL_TOPOLOGY for
 * {@code ovl doctor}, {@code corpus/host/PARSER/*} are host answers for one
 * of {@link HostAnswerProperties#PARSERS}.
 */
class CorpusTest {
    static Path corpus(String sub) throws URISyntaxException {
        return Path.of(CorpusTest.class.getResource("/corpus").toURI()).resolve(sub);
    }

    static Stream<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        HostileInputProperties.removeDir();
    }

    @TestFactory
    Stream<DynamicTest> topologyFiles() throws Exception {
        HostileInputProperties.makeDir();
        return files(corpus("validate")).flatMap(f -> Stream.of(
                DynamicTest.dynamicTest("validate " + f.getFileName(), () -> HostileInputProperties.check(List.of("validate", "-f", f.toString()))),
                DynamicTest.dynamicTest("validate --output json " + f.getFileName(),
                        () -> HostileInputProperties.check(List.of("validate", "-f", f.toString(), "--output", "json")))));
    }

    @TestFactory
    Stream<DynamicTest> commandLines() throws Exception {
        HostileInputProperties.makeDir();
        return files(corpus("args")).map(f -> DynamicTest.dynamicTest("args " + f.getFileName(), () -> {
            List<String> args = new ObjectMapper().readValue(Files.readString(f), new TypeReference<List<String>>() { });
            HostileInputProperties.check(args);
        }));
    }

    @TestFactory
    Stream<DynamicTest> topologyVariables() throws Exception {
        HostileInputProperties.makeDir();
        return files(corpus("env")).map(f -> DynamicTest.dynamicTest("OVL_TOPOLOGY " + f.getFileName(),
                () -> HostileInputProperties.topologyVariable(new String(Files.readAllBytes(f), StandardCharsets.UTF_8))));
    }

    @TestFactory
    Stream<DynamicTest> hostAnswers() throws Exception {
        return files(corpus("host")).map(f -> DynamicTest.dynamicTest("host " + f.getParent().getFileName() + "/" + f.getFileName(), () -> {
            String parser = f.getParent().getFileName().toString();
            if (!HostAnswerProperties.PARSERS.containsKey(parser)) {
                throw new AssertionError("no parser " + parser + " for " + f);
            }
            HostAnswerProperties.check(parser, new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        }));
    }
}
