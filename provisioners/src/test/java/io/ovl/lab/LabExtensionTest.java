package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * LabExtension's promises, on small test classes run through the JUnit launcher with a lab that
 * is never started: its {@code lab/down} is a script in a temporary directory that only writes
 * down its arguments. The nested classes are not run by Surefire itself (it skips inner classes).
 */
class LabExtensionTest {

    /** What the nested classes did, in order. */
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());
    static Path labDir;

    @BeforeEach
    void fakeLabDir(@TempDir Path dir) throws IOException {
        Path down = dir.resolve("down");
        Files.writeString(down, "#!/bin/sh\necho \"$*\" >> \"$(dirname \"$0\")/downs\"\n");
        Files.setPosixFilePermissions(down, PosixFilePermissions.fromString("rwx------"));
        labDir = dir;
        EVENTS.clear();
    }

    static Lab fakeLab() {
        EVENTS.add("start");
        return new Lab(labDir, "fake", List.of(), Map.of());
    }

    static String downs() {
        try {
            Path downs = labDir.resolve("downs");
            return Files.exists(downs) ? Files.readString(downs) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    @Test
    void theLabIsUpInTheClasssBeforeAllAndAfterAllAndDownAfterIt() {
        TestExecutionSummary summary = run(Ordinary.class);

        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(List.of("start", "beforeAll fake", "test fake", "afterAll fake, downs: []"), EVENTS);
        assertEquals("--name fake\n", downs());
    }

    @Test
    void theLabIsTakenDownWhenTheClasssBeforeAllFails() {
        TestExecutionSummary summary = run(FailingBeforeAll.class);

        assertEquals(1, summary.getContainersFailedCount());
        assertEquals(0, summary.getTestsStartedCount());
        assertEquals(List.of("start", "beforeAll fake"), EVENTS);
        assertEquals("--name fake\n", downs());
    }

    @Test
    void theLabIsTakenDownWhenATestFails() {
        TestExecutionSummary summary = run(FailingTest.class);

        assertEquals(1, summary.getTestsFailedCount());
        assertEquals("--name fake\n", downs());
    }

    @Test
    void aLabThatCannotStartAbortsTheClassBeforeItsBeforeAll() {
        TestExecutionSummary summary = run(Unstartable.class);

        assertEquals(1, summary.getContainersAbortedCount());
        assertEquals(0, summary.getContainersFailedCount());
        assertEquals(0, summary.getTestsStartedCount());
        assertEquals(List.of("start"), EVENTS);
        assertEquals("", downs());
    }

    @Test
    void thereIsNoLabOutsideTheClass() {
        LabExtension extension = new LabExtension(LabExtensionTest::fakeLab);

        IllegalStateException e = assertThrows(IllegalStateException.class, extension::lab);
        assertEquals("no lab: LabExtension starts it before @BeforeAll and only in a static @RegisterExtension field",
                e.getMessage());
    }

    static class Ordinary {
        @RegisterExtension
        static final LabExtension LAB = new LabExtension(LabExtensionTest::fakeLab);

        @BeforeAll
        static void up() {
            EVENTS.add("beforeAll " + LAB.lab().name());
        }

        @Test
        void test() {
            EVENTS.add("test " + LAB.lab().name());
        }

        @AfterAll
        static void down() {
            EVENTS.add("afterAll " + LAB.lab().name() + ", downs: [" + downs() + "]");
        }
    }

    static class FailingBeforeAll {
        @RegisterExtension
        static final LabExtension LAB = new LabExtension(LabExtensionTest::fakeLab);

        @BeforeAll
        static void up() {
            EVENTS.add("beforeAll " + LAB.lab().name());
            throw new IllegalStateException("set-up failed");
        }

        @Test
        void test() {
            EVENTS.add("test");
        }
    }

    static class FailingTest {
        @RegisterExtension
        static final LabExtension LAB = new LabExtension(LabExtensionTest::fakeLab);

        @Test
        void test() {
            throw new AssertionError("test failed");
        }
    }

    static class Unstartable {
        @RegisterExtension
        static final LabExtension LAB = new LabExtension(() -> {
            EVENTS.add("start");
            return abort("the lab needs root");
        });

        @BeforeAll
        static void up() {
            EVENTS.add("beforeAll");
        }

        @Test
        void test() {
            EVENTS.add("test");
        }
    }
}
